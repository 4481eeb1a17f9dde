//! The product's invariants as queries: each returns the number of rows that break it.
//! Used by `gasdesk check`, by the tests after every step, and after crash recovery.
use super::Reader;
use crate::error::Result;

/// (what must hold, SQL counting the rows that break it)
const RULES: &[(&str, &str)] = &[
    ("a cylinder is Assigned exactly when it has an owner", "SELECT count(*) FROM cylinders WHERE (status = 'Assigned') <> (assigned_to IS NOT NULL)"),
    ("no customer holds two cylinders", "SELECT count(*) FROM (SELECT assigned_to FROM cylinders WHERE assigned_to IS NOT NULL GROUP BY assigned_to HAVING count(*) > 1)"),
    (
        "has_active_cylinder agrees with the cylinders table",
        "SELECT count(*) FROM users u WHERE u.has_active_cylinder <> (SELECT count(*) FROM cylinders c WHERE c.assigned_to = u.id)",
    ),
    (
        "every Completed self-service booking has a Success gateway payment of its amount",
        "SELECT count(*) FROM bookings b LEFT JOIN payments p ON p.booking_id = b.id
         WHERE b.status = 'Completed' AND b.source = 'SelfService'
           AND (p.id IS NULL OR p.status <> 'Success' OR p.method <> 'Gateway' OR p.amount_paise <> b.amount_paise)",
    ),
    (
        "every Completed cash booking has its Success cash payment; free ones have none",
        "SELECT count(*) FROM bookings b LEFT JOIN payments p ON p.booking_id = b.id
         WHERE b.status = 'Completed' AND b.source = 'Manual'
           AND ((b.amount_paise > 0 AND (p.id IS NULL OR p.status <> 'Success' OR p.amount_paise <> b.amount_paise))
             OR (b.amount_paise = 0 AND p.id IS NOT NULL))",
    ),
    (
        "no Success payment without its Completed booking, unless its refund is still open",
        "SELECT count(*) FROM payments p JOIN bookings b ON b.id = p.booking_id
         WHERE p.status = 'Success' AND b.status <> 'Completed'
           AND NOT EXISTS (SELECT 1 FROM refunds rf WHERE rf.payment_id = p.id AND rf.state <> 'Refunded')",
    ),
    ("a Refunded payment belongs to a Cancelled booking", "SELECT count(*) FROM payments p JOIN bookings b ON b.id = p.booking_id WHERE p.status = 'Refunded' AND b.status <> 'Cancelled'"),
    (
        "a Pending booking holds its cylinder reserved, and only a Pending booking holds one",
        "SELECT (SELECT count(*) FROM bookings b JOIN cylinders c ON c.id = b.cylinder_id WHERE b.status = 'Pending' AND c.reserved_by IS NOT b.id)
              + (SELECT count(*) FROM cylinders c LEFT JOIN bookings b ON b.id = c.reserved_by WHERE c.reserved_by IS NOT NULL AND b.status IS NOT 'Pending')",
    ),
    (
        "a Pending booking has a Pending payment; a Cancelled one has none Pending, nor Success unless its refund is open",
        "SELECT count(*) FROM bookings b LEFT JOIN payments p ON p.booking_id = b.id
         WHERE (b.status = 'Pending' AND p.status IS NOT 'Pending')
            OR (b.status = 'Cancelled' AND (p.status = 'Pending' OR (p.status = 'Success'
                AND NOT EXISTS (SELECT 1 FROM refunds rf WHERE rf.payment_id = p.id AND rf.state <> 'Refunded'))))",
    ),
    (
        "a refund gives back its payment's own charge and amount, and is Refunded exactly when its payment is",
        "SELECT count(*) FROM refunds rf JOIN payments p ON p.id = rf.payment_id
         WHERE rf.booking_id <> p.booking_id OR rf.amount_paise <> p.amount_paise OR rf.gateway_ref IS NOT p.gateway_ref
            OR (rf.state = 'Refunded') <> (p.status = 'Refunded')",
    ),
    (
        "a refund still open belongs to a Cancelled booking",
        "SELECT count(*) FROM refunds rf JOIN bookings b ON b.id = rf.booking_id WHERE rf.state <> 'Refunded' AND b.status <> 'Cancelled'",
    ),
    (
        "the dashboard counters agree with the tables",
        "SELECT (SELECT count(*) FROM counters k WHERE k.name LIKE 'cylinders.%'
                   AND k.value <> (SELECT count(*) FROM cylinders c WHERE 'cylinders.' || c.status = k.name))
              + (SELECT count(*) FROM counters WHERE name = 'complaints.open'
                   AND value <> (SELECT count(*) FROM complaints WHERE status = 'Pending'))
              + (SELECT count(*) FROM counters WHERE name = 'complaints.open_gas_leaks'
                   AND value <> (SELECT count(*) FROM complaints WHERE status = 'Pending' AND issue_type = 'Gas Leak'))
              + (3 - (SELECT count(*) FROM counters WHERE name LIKE 'cylinders.%'))",
    ),
    (
        "the dashboard's quarter-hour figures agree with the tables",
        "WITH stored AS (SELECT bucket, completed_bookings, revenue_paise FROM quarter_hours
                         WHERE completed_bookings <> 0 OR revenue_paise <> 0),
              recount AS (SELECT bucket, sum(completed) AS completed_bookings, sum(paise) AS revenue_paise FROM (
                  SELECT substr(booking_date, 1, 14) || printf('%02d', CAST(substr(booking_date, 15, 2) AS INTEGER) / 15 * 15) AS bucket,
                         1 AS completed, 0 AS paise FROM bookings WHERE status = 'Completed'
                  UNION ALL
                  SELECT substr(payment_date, 1, 14) || printf('%02d', CAST(substr(payment_date, 15, 2) AS INTEGER) / 15 * 15),
                         0, amount_paise FROM payments WHERE status = 'Success') GROUP BY bucket)
         SELECT (SELECT count(*) FROM (SELECT * FROM stored EXCEPT SELECT * FROM recount))
              + (SELECT count(*) FROM (SELECT * FROM recount EXCEPT SELECT * FROM stored))",
    ),
];

impl Reader<'_> {
    /// Each broken rule with how many rows break it; empty when all hold.
    pub fn rule_violations(&self) -> Result<Vec<String>> {
        let mut broken = Vec::new();
        for (rule, sql) in RULES {
            let n: i64 = self.conn.query_row(sql, [], |r| r.get(0))?;
            if n > 0 {
                broken.push(format!("{rule}: {n} row(s) break it"));
            }
        }
        Ok(broken)
    }
}
