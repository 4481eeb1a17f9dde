-- Dashboard figures kept as counters by triggers, so the dashboard reads a handful of rows
-- instead of counting 50,000 cylinders and 100,000 open complaints on every refresh
-- (6.5 ms at agency scale, see docs/BENCHMARKS.md). `gasdesk check` and the tests compare
-- every counter with a real count.
CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL CHECK (value >= 0)
) WITHOUT ROWID;

INSERT INTO counters (name, value) VALUES
    ('cylinders.Filled', (SELECT count(*) FROM cylinders WHERE status = 'Filled')),
    ('cylinders.Assigned', (SELECT count(*) FROM cylinders WHERE status = 'Assigned')),
    ('cylinders.Empty', (SELECT count(*) FROM cylinders WHERE status = 'Empty')),
    ('complaints.open', (SELECT count(*) FROM complaints WHERE status = 'Pending')),
    ('complaints.open_gas_leaks', (SELECT count(*) FROM complaints WHERE status = 'Pending' AND issue_type = 'Gas Leak'));

CREATE TRIGGER counters_cylinder_insert AFTER INSERT ON cylinders
BEGIN
    UPDATE counters SET value = value + 1 WHERE name = 'cylinders.' || NEW.status;
END;

CREATE TRIGGER counters_cylinder_status AFTER UPDATE OF status ON cylinders
WHEN OLD.status <> NEW.status
BEGIN
    UPDATE counters SET value = value - 1 WHERE name = 'cylinders.' || OLD.status;
    UPDATE counters SET value = value + 1 WHERE name = 'cylinders.' || NEW.status;
END;

CREATE TRIGGER counters_cylinder_delete AFTER DELETE ON cylinders
BEGIN
    UPDATE counters SET value = value - 1 WHERE name = 'cylinders.' || OLD.status;
END;

CREATE TRIGGER counters_complaint_insert AFTER INSERT ON complaints
WHEN NEW.status = 'Pending'
BEGIN
    UPDATE counters SET value = value + 1 WHERE name = 'complaints.open';
    UPDATE counters SET value = value + 1 WHERE name = 'complaints.open_gas_leaks' AND NEW.issue_type = 'Gas Leak';
END;

CREATE TRIGGER counters_complaint_status AFTER UPDATE OF status ON complaints
WHEN (OLD.status = 'Pending') <> (NEW.status = 'Pending')
BEGIN
    UPDATE counters SET value = value + (CASE WHEN NEW.status = 'Pending' THEN 1 ELSE -1 END)
    WHERE name = 'complaints.open' OR (name = 'complaints.open_gas_leaks' AND NEW.issue_type = 'Gas Leak');
END;

CREATE TRIGGER counters_complaint_delete AFTER DELETE ON complaints
WHEN OLD.status = 'Pending'
BEGIN
    UPDATE counters SET value = value - 1
    WHERE name = 'complaints.open' OR (name = 'complaints.open_gas_leaks' AND OLD.issue_type = 'Gas Leak');
END;
