//! GasDesk's rules, tested through the domain with no window: one integration binary, a
//! module per area. Run with `cargo test --test rules`.
mod auth;
mod backups;
mod booking;
mod common;
mod complaints;
mod concurrency;
mod crash;
mod damage;
mod idempotency;
mod inventory;
mod kiosks;
#[path = "../support/ledger_gateway.rs"]
mod ledger_gateway;
mod migrations;
mod money;
mod overrides;
mod properties;
mod query_plans;
mod restore;
mod tax;
mod trade;
mod validation;

/// Child processes: the multi-process tests re-run this binary with GASDESK_CHILD set.
#[test]
fn child_process_entry() {
    common::run_child_if_asked();
}
