-- Failed log-ins are counted per terminal (issue 9, decision 0013), so a kiosk's failures never
-- lock the same username at the office window. `terminal` is 'office' or 'kiosk' for a window on
-- this PC, 'device:<id>' for a paired LAN kiosk. Rows of kind 'terminal' (username '') count a
-- terminal's failures across all usernames.
CREATE TABLE login_throttle_per_terminal (
    kind            TEXT NOT NULL CHECK (kind IN ('staff', 'customer', 'terminal')),
    username        TEXT NOT NULL COLLATE NOCASE,
    terminal        TEXT NOT NULL CHECK (length(terminal) BETWEEN 1 AND 64),
    failures        INTEGER NOT NULL CHECK (failures >= 0),
    last_failure_at TEXT NOT NULL,
    blocked_until   TEXT,
    PRIMARY KEY (kind, username, terminal),
    CHECK ((kind = 'terminal') = (username = ''))
) WITHOUT ROWID;

-- Which window a failure came from was never recorded: a count (or lock) in force is kept at
-- both local windows rather than lifted by the upgrade.
INSERT INTO login_throttle_per_terminal (kind, username, terminal, failures, last_failure_at, blocked_until)
SELECT old.kind, old.username, local.terminal, old.failures, old.last_failure_at, old.blocked_until
FROM login_throttle AS old
CROSS JOIN (SELECT 'office' AS terminal UNION ALL SELECT 'kiosk') AS local;

DROP TABLE login_throttle;
ALTER TABLE login_throttle_per_terminal RENAME TO login_throttle;
