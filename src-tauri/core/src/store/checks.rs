//! The product's invariants as queries: each returns the number of rows that break it.
//! Used by `gasdesk check`, by the tests after every step, and after crash recovery.
use super::Reader;
use crate::error::Result;

/// (what must hold, SQL counting the rows that break it)
const RULES: &[(&str, &str)] = &[
    ("a cylinder is Assigned exactly when it has an owner", "SELECT count(*) FROM cylinders WHERE (status = 'Assigned') <> (assigned_to IS NOT NULL)"),
    (
        "no customer holds more cylinders of a type than their connection allows",
        "SELECT count(*) FROM (SELECT c.assigned_to, c.type_id, count(*) AS held FROM cylinders c
                               WHERE c.assigned_to IS NOT NULL GROUP BY c.assigned_to, c.type_id) h
         WHERE h.held > COALESCE((SELECT k.allowance FROM connections k WHERE k.user_id = h.assigned_to AND k.type_id = h.type_id), 0)",
    ),
    (
        "has_active_cylinder agrees with the cylinders table",
        "SELECT count(*) FROM users u WHERE u.has_active_cylinder <> EXISTS (SELECT 1 FROM cylinders c WHERE c.assigned_to = u.id)",
    ),
    ("every cylinder has a type", "SELECT count(*) FROM cylinders WHERE type_id IS NULL"),
    ("every customer has a consumer number", "SELECT count(*) FROM users WHERE consumer_no IS NULL"),
    ("no held-back cylinder is handed out or reserved", "SELECT count(*) FROM cylinders WHERE hold IS NOT NULL AND (status = 'Assigned' OR reserved_by IS NOT NULL)"),
    (
        "document numbers are gapless and unique in each series",
        "SELECT count(*) FROM (SELECT kind, financial_year FROM sale_documents GROUP BY kind, financial_year
                               HAVING max(seq) <> count(*) OR count(DISTINCT seq) <> count(*))",
    ),
    (
        "every document adds up: taxable value, CGST and SGST make its total",
        "SELECT count(*) FROM sale_documents WHERE taxable_paise + cgst_paise + sgst_paise <> total_paise",
    ),
    (
        "an invoice is for a sale of its amount; a delivery note for a free one; a credit note reverses its own booking's invoice",
        "SELECT count(*) FROM sale_documents d JOIN bookings b ON b.id = d.booking_id
         WHERE (d.kind = 'Invoice' AND (b.amount_paise <> d.total_paise OR b.amount_paise = 0))
            OR (d.kind = 'DeliveryNote' AND b.amount_paise <> 0)
            OR (d.kind = 'CreditNote' AND (b.status <> 'Cancelled' OR NOT EXISTS (
                   SELECT 1 FROM sale_documents i WHERE i.id = d.refers_to AND i.kind = 'Invoice' AND i.booking_id = d.booking_id
                     AND i.total_paise = d.total_paise)))",
    ),
    (
        "a cancelled invoiced sale has its credit note",
        "SELECT count(*) FROM sale_documents i JOIN bookings b ON b.id = i.booking_id
         WHERE i.kind = 'Invoice' AND b.status = 'Cancelled'
           AND NOT EXISTS (SELECT 1 FROM sale_documents c WHERE c.booking_id = i.booking_id AND c.kind = 'CreditNote')",
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
