//! The admin dashboard's figures, and the audit log view.
use super::backups::backup_status;
use super::{Actor, Desk};
use crate::error::Result;
use crate::model::AuditFilter;
use crate::model::{AuditEntry, Dashboard, DayFigures, Page, PageRequest, Timestamp, TypeStock};
use chrono::{Datelike, Duration, Local, NaiveDate, TimeZone, Utc};

/// Days shown on the dashboard chart.
const CHART_DAYS: i64 = 14;

/// Midnight of the local calendar day `date`, in UTC.
fn local_midnight(date: NaiveDate) -> Timestamp {
    let naive = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    Local.from_local_datetime(&naive).earliest().map(|t| t.with_timezone(&Utc)).unwrap_or_else(|| Utc.from_utc_datetime(&naive))
}

impl Desk {
    pub fn dashboard(&self, actor: &Actor) -> Result<Dashboard> {
        actor.require_staff()?;
        let now = self.now();
        let today = now.with_timezone(&Local).date_naive();
        let day_start = local_midnight(today);
        let month_start = local_midnight(today.with_day(1).unwrap_or(today));
        let chart_start = today - Duration::days(CHART_DAYS - 1);
        self.db.read(|r| {
            let settings = self.read_settings(r)?;
            let backups = backup_status(r)?;
            let stock = r.stock_counts()?;
            let complaints = r.open_complaint_counts()?;
            let offset_minutes = now.with_timezone(&Local).offset().local_minus_utc() / 60;
            let per_day = r.completed_bookings_per_day(local_midnight(chart_start), offset_minutes)?;
            let recent_days = (0..CHART_DAYS)
                .map(|i| {
                    let day = (chart_start + Duration::days(i)).format("%Y-%m-%d").to_string();
                    let completed_bookings = per_day.iter().find(|d| d.day == day).map_or(0, |d| d.completed_bookings);
                    DayFigures { day, completed_bookings }
                })
                .collect();
            let cutoff = crate::model::india_date(now) + Duration::days(settings.test_due_margin_days);
            let stock_by_type: Vec<TypeStock> = r
                .stock_by_type(cutoff)?
                .into_iter()
                .map(|t| TypeStock {
                    low: t.active && t.available < settings.low_stock_threshold,
                    type_id: t.type_id,
                    type_name: t.type_name,
                    active: t.active,
                    filled: t.filled,
                    assigned: t.assigned,
                    empty: t.empty,
                    available: t.available,
                    held_or_due: t.held_or_due,
                    undated: t.undated,
                })
                .collect();
            Ok(Dashboard {
                seller_details_missing: [&settings.legal_name, &settings.agency_address, &settings.gstin, &settings.agency_state]
                    .iter()
                    .any(|v| v.trim().is_empty()),
                low_stock: stock_by_type.iter().any(|t| t.low),
                stock_by_type,
                low_stock_threshold: settings.low_stock_threshold,
                stock,
                pending_bookings: r.pending_booking_count()?,
                refunds_needing_attention: r.open_refund_count()?,
                backup_overdue: backups.overdue(now),
                last_good_backup_at: backups.last_ok_at,
                last_backup_error: backups.last_error,
                open_complaints: complaints.open,
                open_gas_leaks: complaints.open_gas_leaks,
                revenue_today: r.revenue_since(day_start)?,
                revenue_this_month: r.revenue_since(month_start)?,
                recent_days,
            })
        })
    }

    pub fn audit_log(&self, actor: &Actor, filter: &AuditFilter, page: &PageRequest) -> Result<Page<AuditEntry>> {
        actor.require_staff()?;
        let rows = self.db.read(|r| r.list_audit(filter, page))?;
        Ok(Page::from_rows(rows, page))
    }
}
