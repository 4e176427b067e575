-- Version 4: fast-track referrals and contact requests (record type "referral"), the jobcentre's
-- retention consultants (role "consultant", scoped to one municipality), and the organisation's
-- sickness absence policy (record type "policy_version"). docs/referrals.md, docs/policy.md.

-- 1. The records table's CHECK gains the two types. As in versions 2 and 3, SQLite cannot change a
--    CHECK in place: a new table under a new name, every row copied (tombstones included), the old
--    one dropped, the new one renamed, the indexes recreated. No table references records.
CREATE TABLE new_records (
    id               TEXT PRIMARY KEY,
    org_id           TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    type             TEXT NOT NULL CHECK (type IN ('department', 'employee', 'absence_spell',
                                                   'todo_done', 'alert_settings',
                                                   'conversation_record', 'referral',
                                                   'policy_version')),
    rev              INTEGER NOT NULL,
    updated_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL,
    deleted          INTEGER NOT NULL DEFAULT 0,
    data             TEXT NOT NULL,  -- JSON
    -- The department that decides who may see the record (team-leader scoping): an employee's own
    -- department; the department of the employee an absence spell, a to-do mark, a conversation
    -- record or a referral is about. NULL for records every user of the organisation sees
    -- (departments, alert settings, policy versions) and for contact requests about nobody in
    -- particular (admin and HR only).
    scope_department TEXT,
    -- The employee a spell, mark, conversation record or referral is about, for the overlap check
    -- and re-scoping when an employee moves.
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

-- 2. An organisation is an employer or a jobcentre (whose users are consultants). Existing rows are
--    employers.
ALTER TABLE organisations ADD COLUMN kind TEXT NOT NULL DEFAULT 'employer'
    CHECK (kind IN ('employer', 'jobcenter'));

-- 3. users.role gains "consultant", and a consultant's municipality (3-digit code) is kept. The
--    table is rebuilt as above. user_departments and sessions reference users with ON DELETE
--    CASCADE, so dropping users would delete their rows: they are saved in temporary tables first
--    and put back after the rename (the migration runs in one transaction, migrations.cpp).
CREATE TEMP TABLE saved_user_departments AS SELECT * FROM user_departments;
CREATE TEMP TABLE saved_sessions AS SELECT * FROM sessions;

CREATE TABLE new_users (
    id                   TEXT PRIMARY KEY,
    org_id               TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    email                TEXT NOT NULL UNIQUE, -- stored lower-case
    name                 TEXT NOT NULL,
    role                 TEXT NOT NULL CHECK (role IN ('admin', 'hr', 'team_leader', 'consultant')),
    active               INTEGER NOT NULL DEFAULT 1,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    password_hash        TEXT NOT NULL,        -- libsodium crypto_pwhash_str (Argon2id)
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    -- A consultant's municipality; NULL for every other role.
    municipality_code    TEXT CHECK ((role = 'consultant') = (municipality_code IS NOT NULL) AND
                                     (municipality_code IS NULL OR
                                      (length(municipality_code) = 3 AND
                                       municipality_code NOT GLOB '*[^0-9]*')))
);

INSERT INTO new_users (id, org_id, email, name, role, active, must_change_password, password_hash, created_at,
                       updated_at, municipality_code)
SELECT id, org_id, email, name, role, active, must_change_password, password_hash, created_at, updated_at, NULL
FROM users;

DROP TABLE users;
ALTER TABLE new_users RENAME TO users;
CREATE INDEX users_org ON users(org_id);

INSERT INTO user_departments SELECT * FROM saved_user_departments;
INSERT INTO sessions SELECT * FROM saved_sessions;
DROP TABLE saved_user_departments;
DROP TABLE saved_sessions;

-- 4. The jobcentres' inbox: one row per sent referral, kept by the server in the same transaction
--    as the referral's record, so a consultant's inbox is an indexed read of their municipality
--    instead of a scan of every organisation's records. Drafts are never here.
CREATE TABLE jobcenter_inbox (
    record_id         TEXT PRIMARY KEY,
    org_id            TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    municipality_code TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('fast_track', 'contact_request')),
    status            TEXT NOT NULL CHECK (status IN ('sent', 'received', 'meeting_booked', 'answered', 'closed')),
    sent_on           TEXT NOT NULL, -- ISO yyyy-mm-dd
    updated_at        TEXT NOT NULL
);
CREATE INDEX jobcenter_inbox_municipality ON jobcenter_inbox(municipality_code, status, sent_on);
