//! The IPC surface: one thin command per user action. Each parses its input, takes the actor
//! from the Rust-held session (never from the arguments), calls the domain and maps the error
//! to `{code, message, field}`. Commands run off the UI thread (`async`).
pub mod customer;
pub mod public;
pub mod staff;

#[cfg(test)]
mod drift_test;

use gasdesk_core::error::ErrorPayload;
use gasdesk_core::Error;

pub type IpcResult<T> = Result<T, ErrorPayload>;

/// Maps a domain result for the UI; storage failures are logged in full here, since the
/// person only sees a plain message.
pub fn ipc<T>(result: Result<T, Error>) -> IpcResult<T> {
    result.map_err(|e| {
        match &e {
            Error::Storage(source) => eprintln!("gasdesk: storage error: {source}"),
            Error::Damaged(source) => eprintln!("gasdesk: the database file is damaged: {source}"),
            Error::Internal(detail) => eprintln!("gasdesk: internal error: {detail}"),
            _ => {}
        }
        e.payload()
    })
}

/// Every command, for `generate_handler!` and for the drift test against `ui/src/api.ts`.
#[macro_export]
macro_rules! gasdesk_commands {
    ($callback:ident) => {
        $callback![
            $crate::app::commands::public::app_info,
            $crate::app::commands::public::database_health,
            $crate::app::commands::public::session_info,
            $crate::app::commands::public::touch,
            $crate::app::commands::public::set_up_first_staff,
            $crate::app::commands::public::customer_login,
            $crate::app::commands::public::customer_logout,
            $crate::app::commands::public::staff_unlock,
            $crate::app::commands::public::staff_lock,
            $crate::app::commands::customer::customer_home,
            $crate::app::commands::customer::book_cylinder,
            $crate::app::commands::customer::my_bookings,
            $crate::app::commands::customer::my_payments,
            $crate::app::commands::customer::my_receipt,
            $crate::app::commands::customer::file_complaint,
            $crate::app::commands::customer::my_complaints,
            $crate::app::commands::customer::cancel_my_complaint,
            $crate::app::commands::staff::dashboard,
            $crate::app::commands::staff::list_cylinders,
            $crate::app::commands::staff::register_cylinders,
            $crate::app::commands::staff::mark_cylinders,
            $crate::app::commands::staff::refill_all_empty,
            $crate::app::commands::staff::cylinder_history,
            $crate::app::commands::staff::list_bookings,
            $crate::app::commands::staff::cancel_booking,
            $crate::app::commands::staff::settle_refund_by_hand,
            $crate::app::commands::staff::assign_manually,
            $crate::app::commands::staff::complaint_queue,
            $crate::app::commands::staff::set_complaint_status,
            $crate::app::commands::staff::search_customers,
            $crate::app::commands::staff::create_customer,
            $crate::app::commands::staff::update_customer,
            $crate::app::commands::staff::reset_customer_password,
            $crate::app::commands::staff::get_settings,
            $crate::app::commands::staff::update_settings,
            $crate::app::commands::staff::audit_log,
            $crate::app::commands::staff::list_staff,
            $crate::app::commands::staff::add_staff,
            $crate::app::commands::staff::back_up_now,
            $crate::app::commands::staff::backup_progress,
            $crate::app::commands::staff::list_backups,
            $crate::app::commands::staff::restore_backup
        ]
    };
}
