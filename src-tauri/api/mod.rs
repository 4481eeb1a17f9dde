//! The command layer: one thin command per user action, the same whether the person sits at
//! the office window, at a kiosk window on the office PC, or at a kiosk PC on the LAN (through
//! the server, `src-tauri/server`). Each command takes the actor from the terminal's session
//! held here in Rust (never from the arguments), calls the domain and returns its answer or an
//! [`IpcError`]. No Tauri and no sockets in here.
//!
//! Every command is declared once, in [`with_commands!`], with its arguments and result (decision
//! 0014; the `with_commands!` callback shape is yaak's). That one list becomes:
//! - `run`: each command with its place check (the `office` module is office-only);
//! - `dispatch`: the JSON entry point the LAN server routes `POST /v1/<command>` to;
//! - the Tauri handlers of the window (`app/handlers.rs`), whose signatures must match;
//! - the command names for `build.rs` and the capability, and `ui/src/gen/commands.ts`, which
//!   types the UI's `invoke`; the kiosk's forwarding client accepts exactly these names.
pub mod customer;
pub mod dispatch;
mod error;
pub mod kiosk_server;
pub mod office;
pub mod public;
pub mod run;
#[cfg(test)]
mod schema;
pub mod session;
pub mod staff;
pub mod state;
pub mod wire;

pub use error::{IpcError, IpcResult};
pub use state::{AppState, Place, Timeouts};

/// The types the command list names, for the modules that expand it (`use super::types::*`).
pub mod types {
    pub use gasdesk_core::model::{
        AppInfo, AuditEntry, AuditFilter, BackupFile, BackupFolder, BackupProgress, BackupRestored, Booking, BookingFilter, Complaint,
        ComplaintStatus, Connection, Customer, CustomerFields, CustomerHome, Cylinder, CylinderFilter, CylinderStatus, CylinderType,
        CylinderTypeInput, Dashboard, DatabaseHealth, Device, HoldReason, IssueType, KioskLink, KioskServerStatus, ManualAssignment,
        MarkOutcome, Money, NewCustomerInput, Page, PageRequest, PairingCode, Payment, Receipt, RegisterCylinders, SaleDocument,
        SessionInfo, Settings, StaffMember,
    };
}

/// The command list. `with_commands!(callback)` calls `callback!` with every command as
/// `module::name(arg: Type, …) -> Result;`, argument names being the IPC's (snake_case). The
/// types are resolved where the callback expands: that module imports [`types`].
macro_rules! with_commands {
    ($callback:ident) => {
        $callback! {
            // Anyone at the window.
            public::app_info() -> AppInfo;
            public::database_health() -> DatabaseHealth;
            public::session_info() -> SessionInfo;
            public::touch() -> SessionInfo;
            public::customer_login(username: String, password: String) -> SessionInfo;
            public::customer_logout() -> SessionInfo;
            public::staff_unlock(username: String, password: String) -> SessionInfo;
            public::staff_lock() -> SessionInfo;
            public::kiosk_link() -> KioskLink;
            public::cylinder_types() -> Vec<CylinderType>;
            // The logged-in customer.
            customer::customer_home() -> CustomerHome;
            customer::book_cylinder(type_id: Option<i64>, price: Money, idempotency_key: String) -> Receipt;
            customer::my_bookings(page: PageRequest) -> Page<Booking>;
            customer::my_payments(page: PageRequest) -> Page<Payment>;
            customer::my_receipt(booking_id: i64) -> Receipt;
            customer::print_document(document_id: i64) -> SaleDocument;
            customer::file_complaint(issue_type: IssueType, description: String) -> Complaint;
            customer::my_complaints(page: PageRequest) -> Page<Complaint>;
            customer::cancel_my_complaint(complaint_id: i64) -> Complaint;
            // Staff, behind the admin switch.
            staff::dashboard() -> Dashboard;
            staff::list_cylinders(filter: CylinderFilter, search: String, page: PageRequest) -> Page<Cylinder>;
            staff::hold_cylinder(cylinder_id: i64, hold: Option<HoldReason>, reason: String) -> Cylinder;
            staff::set_test_due(cylinder_id: i64, stamp: String) -> Cylinder;
            staff::save_cylinder_type(type_id: Option<i64>, input: CylinderTypeInput) -> CylinderType;
            staff::register_cylinders(input: RegisterCylinders) -> Vec<Cylinder>;
            staff::mark_cylinders(ids: Vec<i64>, status: CylinderStatus) -> MarkOutcome;
            staff::refill_all_empty() -> usize;
            staff::cylinder_history(cylinder_id: i64, page: PageRequest) -> Page<AuditEntry>;
            staff::list_bookings(filter: BookingFilter, reference: String, page: PageRequest) -> Page<Booking>;
            staff::cancel_booking(booking_id: i64, reason: String) -> Booking;
            staff::settle_refund_by_hand(booking_id: i64, note: String) -> Booking;
            staff::assign_manually(input: ManualAssignment) -> Receipt;
            staff::booking_documents(booking_id: i64) -> Vec<SaleDocument>;
            staff::complaint_queue(status: Option<ComplaintStatus>, page: PageRequest) -> Page<Complaint>;
            staff::set_complaint_status(complaint_id: i64, status: ComplaintStatus, note: String) -> Complaint;
            staff::search_customers(query: String, page: PageRequest) -> Page<Customer>;
            staff::create_customer(input: NewCustomerInput) -> Customer;
            staff::update_customer(customer_id: i64, fields: CustomerFields) -> Customer;
            staff::reset_customer_password(customer_id: i64, password: String) -> ();
            staff::customer_connections(customer_id: i64) -> Vec<Connection>;
            staff::set_connection(customer_id: i64, type_id: i64, allowance: i64) -> Vec<Connection>;
            staff::audit_log(filter: AuditFilter, page: PageRequest) -> Page<AuditEntry>;
            staff::list_staff() -> Vec<StaffMember>;
            staff::add_staff(username: String, full_name: String, password: String) -> StaffMember;
            // Office work: refused at any kiosk, whoever holds the admin switch there.
            office::set_up_first_staff(username: String, full_name: String, password: String) -> SessionInfo;
            office::get_settings() -> Settings;
            office::update_settings(settings: Settings) -> Settings;
            office::back_up_now() -> BackupFile;
            office::backup_progress() -> Option<BackupProgress>;
            office::list_backups() -> BackupFolder;
            office::restore_backup(name: String, confirmation: String) -> BackupRestored;
            office::kiosk_server() -> KioskServerStatus;
            office::add_kiosk(name: String) -> PairingCode;
            office::list_kiosks() -> Vec<Device>;
            office::revoke_kiosk(device_id: i64) -> Device;
        }
    };
}
pub(crate) use with_commands;

macro_rules! command_names {
    ($($module:ident :: $name:ident ( $($arg:ident : $ty:ty),* ) -> $result:ty ;)*) => {
        /// Every command's name, in the list's order.
        pub const COMMAND_NAMES: &[&str] = &[$(stringify!($name)),*];

        /// Every command with its argument and result types, for `ui/src/gen/commands.ts`.
        #[cfg(test)]
        fn command_schema(cfg: &ts_rs::Config) -> Vec<schema::Command> {
            use types::*;
            vec![$(schema::Command {
                name: stringify!($name),
                args: vec![$(schema::Type::of::<$ty>(cfg).named(stringify!($arg))),*],
                result: schema::Type::of::<$result>(cfg),
            }),*]
        }
    };
}
with_commands!(command_names);
