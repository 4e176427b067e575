-- Version 2: two new record types, "todo_done" (a to-do marked done) and "alert_settings" (the
-- organisation's alert choices). The records table's CHECK lists the allowed types, and SQLite
-- cannot change a CHECK in place, so the table is rebuilt following SQLite's documented
-- procedure for other table changes (https://www.sqlite.org/lang_altertable.html, "Making Other
-- Kinds Of Table Schema Changes"):
--   1/12. Foreign keys stay on: PRAGMA foreign_keys cannot change inside the migration's
--         transaction (migrations.cpp), and no table references records, so dropping it
--         violates nothing. The copy below checks each row's org_id against organisations as it
--         is inserted, which covers the procedure's foreign_key_check (step 10).
--   2/11. The migration runner wraps every migration in one transaction (BEGIN IMMEDIATE).
--   3.    records has the two indexes recreated below, and no triggers or views.
-- A new table is created under a new name, filled, the old one dropped and the new one renamed
-- (not the other way round: renaming the old table first would rewrite references to it).

CREATE TABLE new_records (
    id               TEXT PRIMARY KEY,
    org_id           TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    type             TEXT NOT NULL CHECK (type IN ('department', 'employee', 'absence_spell',
                                                   'todo_done', 'alert_settings')),
    rev              INTEGER NOT NULL,
    updated_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL,
    deleted          INTEGER NOT NULL DEFAULT 0,
    data             TEXT NOT NULL,  -- JSON
    -- The department that decides who may see the record (team-leader scoping): an employee's own
    -- department; an absence spell's or a to-do mark's employee's department. NULL for records
    -- every user of the organisation sees (departments, alert settings).
    scope_department TEXT,
    -- The employee of an absence spell or a to-do mark, for the overlap check and re-scoping when
    -- an employee moves.
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
