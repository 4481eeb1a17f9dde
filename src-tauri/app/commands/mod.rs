//! The IPC surface: one thin command per user action. Each takes the actor from the Rust-held
//! session (never from the arguments), calls the domain and returns its answer or an
//! [`IpcError`]. Commands run off the UI thread (`async`).
//!
//! Every command is declared once, in the [`ipc_commands!`] list below, with its arguments and
//! result. From that list come the `#[tauri::command]` functions themselves (so their
//! signatures cannot differ from the list), the handler Tauri registers, the command names for
//! `build.rs` and the capability, and `ui/src/gen/commands.ts`, which types the UI's `invoke`
//! (decision 0014).
pub mod customer;
mod error;
pub mod public;
#[cfg(test)]
mod schema;
pub mod staff;

pub use error::{IpcError, IpcResult};

use crate::app::state::AppState;
use gasdesk_core::model::{
    AppInfo, AuditEntry, AuditFilter, BackupFile, BackupFolder, BackupProgress, BackupRestored, Booking, BookingFilter, Complaint,
    ComplaintStatus, Customer, CustomerFields, CustomerHome, Cylinder, CylinderStatus, Dashboard, DatabaseHealth, IssueType,
    ManualAssignment, MarkOutcome, Money, NewCustomerInput, Page, PageRequest, Payment, Receipt, RegisterCylinders, SessionInfo, Settings,
    StaffMember,
};

/// Expands the command list: each `module::name(arg: Type, …) -> Result;` becomes a
/// `#[tauri::command]` taking those arguments (with these names, which are the IPC's) that
/// calls `module::name(&state, arg, …)`, whose signature the compiler then checks against
/// the list; and the same list becomes the handler, the names and the TypeScript schema.
macro_rules! ipc_commands {
    ($($module:ident :: $name:ident ( $($arg:ident : $ty:ty),* ) -> $result:ty ;)*) => {
        /// The functions Tauri calls. Private, so the handler below is built in this module.
        mod handlers {
            use super::*;
            $(
                #[tauri::command(async, rename_all = "snake_case")]
                fn $name(state: tauri::State<'_, AppState>, $($arg: $ty),*) -> IpcResult<$result> {
                    super::$module::$name(&state, $($arg),*)
                }
            )*

            /// Every command, for `Builder::invoke_handler`.
            pub fn invoke_handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
                tauri::generate_handler![$($name),*]
            }
        }

        pub use handlers::invoke_handler;

        /// Every command's name, in the list's order.
        pub const COMMAND_NAMES: &[&str] = &[$(stringify!($name)),*];

        /// Every command with its argument and result types, for `ui/src/gen/commands.ts`.
        #[cfg(test)]
        fn command_schema(cfg: &ts_rs::Config) -> Vec<schema::Command> {
            vec![$(schema::Command {
                name: stringify!($name),
                args: vec![$(schema::Type::of::<$ty>(cfg).named(stringify!($arg))),*],
                result: schema::Type::of::<$result>(cfg),
            }),*]
        }
    };
}

ipc_commands! {
    // Anyone at the window.
    public::app_info() -> AppInfo;
    public::database_health() -> DatabaseHealth;
    public::session_info() -> SessionInfo;
    public::touch() -> SessionInfo;
    public::set_up_first_staff(username: String, full_name: String, password: String) -> SessionInfo;
    public::customer_login(username: String, password: String) -> SessionInfo;
    public::customer_logout() -> SessionInfo;
    public::staff_unlock(username: String, password: String) -> SessionInfo;
    public::staff_lock() -> SessionInfo;
    // The logged-in customer.
    customer::customer_home() -> CustomerHome;
    customer::book_cylinder(price: Money) -> Receipt;
    customer::my_bookings(page: PageRequest) -> Page<Booking>;
    customer::my_payments(page: PageRequest) -> Page<Payment>;
    customer::my_receipt(booking_id: i64) -> Receipt;
    customer::file_complaint(issue_type: IssueType, description: String) -> Complaint;
    customer::my_complaints(page: PageRequest) -> Page<Complaint>;
    customer::cancel_my_complaint(complaint_id: i64) -> Complaint;
    // Staff, behind the admin switch.
    staff::dashboard() -> Dashboard;
    staff::list_cylinders(status: Option<CylinderStatus>, search: String, page: PageRequest) -> Page<Cylinder>;
    staff::register_cylinders(input: RegisterCylinders) -> Vec<Cylinder>;
    staff::mark_cylinders(ids: Vec<i64>, status: CylinderStatus) -> MarkOutcome;
    staff::refill_all_empty() -> usize;
    staff::cylinder_history(cylinder_id: i64, page: PageRequest) -> Page<AuditEntry>;
    staff::list_bookings(filter: BookingFilter, reference: String, page: PageRequest) -> Page<Booking>;
    staff::cancel_booking(booking_id: i64, reason: String) -> Booking;
    staff::settle_refund_by_hand(booking_id: i64, note: String) -> Booking;
    staff::assign_manually(input: ManualAssignment) -> Receipt;
    staff::complaint_queue(status: Option<ComplaintStatus>, page: PageRequest) -> Page<Complaint>;
    staff::set_complaint_status(complaint_id: i64, status: ComplaintStatus, note: String) -> Complaint;
    staff::search_customers(query: String, page: PageRequest) -> Page<Customer>;
    staff::create_customer(input: NewCustomerInput) -> Customer;
    staff::update_customer(customer_id: i64, fields: CustomerFields) -> Customer;
    staff::reset_customer_password(customer_id: i64, password: String) -> ();
    staff::get_settings() -> Settings;
    staff::update_settings(settings: Settings) -> Settings;
    staff::audit_log(filter: AuditFilter, page: PageRequest) -> Page<AuditEntry>;
    staff::list_staff() -> Vec<StaffMember>;
    staff::add_staff(username: String, full_name: String, password: String) -> StaffMember;
    staff::back_up_now() -> BackupFile;
    staff::backup_progress() -> Option<BackupProgress>;
    staff::list_backups() -> BackupFolder;
    staff::restore_backup(name: String, confirmation: String) -> BackupRestored;
}
