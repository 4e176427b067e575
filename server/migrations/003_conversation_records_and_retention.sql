-- Version 3: conversation records (record type "conversation_record"), the deletion log and the
-- organisation's retention setting (docs/retention.md).
--
-- The records table's CHECK lists the allowed types; SQLite cannot change a CHECK in place, so the
-- table is rebuilt exactly as in version 2 (SQLite's documented procedure, see
-- 002_todo_done_and_alert_settings.sql): a new table under a new name, every row copied (tombstones
-- included), the old one dropped, the new one renamed, the two indexes recreated. Foreign keys stay
-- on and check each copied row's organisation.

CREATE TABLE new_records (
    id               TEXT PRIMARY KEY,
    org_id           TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    type             TEXT NOT NULL CHECK (type IN ('department', 'employee', 'absence_spell',
                                                   'todo_done', 'alert_settings',
                                                   'conversation_record')),
    rev              INTEGER NOT NULL,
    updated_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL,
    deleted          INTEGER NOT NULL DEFAULT 0,
    data             TEXT NOT NULL,  -- JSON
    -- The department that decides who may see the record (team-leader scoping): an employee's own
    -- department; an absence spell's, a to-do mark's or a conversation record's employee's
    -- department. NULL for records every user of the organisation sees (departments, alert
    -- settings).
    scope_department TEXT,
    -- The employee of an absence spell, a to-do mark or a conversation record, for the overlap
    -- check and re-scoping when an employee moves.
    employee_id      TEXT
);

INSERT INTO new_records (id, org_id, type, rev, updated_at, updated_by, deleted, data, scope_department,
                         employee_id)
SELECT id, org_id, type, rev, updated_at, updated_by, deleted, data, scope_department, employee_id
FROM records;

DROP TABLE records;
ALTER TABLE new_records RENAME TO records;

CREATE UNIQUE INDEX records_org_rev ON records(org_id, rev);
CREATE INDEX records_org_employee ON records(org_id, employee_id) WHERE employee_id IS NOT NULL;

-- How many years a conversation record is kept after its case closed. The CHECK is tested
-- against the existing rows too, which all take the default.
ALTER TABLE organisations ADD COLUMN record_retention_years INTEGER NOT NULL DEFAULT 5
    CHECK (record_retention_years BETWEEN 1 AND 20);

-- Which record was deleted, when, by whom and why: never its content (no data column on purpose).
-- deleted_by is a user id, or "retention" for the retention job; by_name is the user's name at the
-- time (the job writes "Sletning efter opbevaringsperiode").
CREATE TABLE deletion_log (
    id          INTEGER PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    at          TEXT NOT NULL, -- ISO 8601 UTC
    deleted_by  TEXT NOT NULL,
    by_name     TEXT NOT NULL,
    type        TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    employee_id TEXT,
    reason      TEXT NOT NULL CHECK (reason IN ('retention', 'deleted'))
);
CREATE INDEX deletion_log_org ON deletion_log(org_id, id);
