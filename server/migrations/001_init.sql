-- Nærvær schema, version 1. Every table that holds organisation data carries org_id, and every
-- query filters on the organisation taken from the session (docs/api.md).

CREATE TABLE organisations (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    cvr          TEXT NOT NULL,
    municipality TEXT NOT NULL,
    created_at   TEXT NOT NULL
);

-- The per-organisation revision counter. A record's rev is taken from here inside the write
-- transaction, so revs grow monotonically per organisation and double as the pull cursor.
CREATE TABLE organisation_revs (
    org_id TEXT PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
    rev    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE users (
    id                   TEXT PRIMARY KEY,
    org_id               TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    email                TEXT NOT NULL UNIQUE, -- stored lower-case
    name                 TEXT NOT NULL,
    role                 TEXT NOT NULL CHECK (role IN ('admin', 'hr', 'team_leader')),
    active               INTEGER NOT NULL DEFAULT 1,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    password_hash        TEXT NOT NULL,        -- libsodium crypto_pwhash_str (Argon2id)
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX users_org ON users(org_id);

-- The departments a team leader leads (ids of department records).
CREATE TABLE user_departments (
    user_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    department_id TEXT NOT NULL,
    PRIMARY KEY (user_id, department_id)
);

-- Only the SHA-256 of the session token is kept: a leaked database does not leak live sessions.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    org_id     TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL, -- unix seconds
    expires_at INTEGER NOT NULL  -- unix seconds
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);

-- Synced records. Ids are made by clients, and the primary key is global on purpose: an id used
-- by one organisation can never be taken by another, and a push naming it answers 404.
CREATE TABLE records (
    id               TEXT PRIMARY KEY,
    org_id           TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    type             TEXT NOT NULL CHECK (type IN ('department', 'employee', 'absence_spell')),
    rev              INTEGER NOT NULL,
    updated_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL,
    deleted          INTEGER NOT NULL DEFAULT 0,
    data             TEXT NOT NULL,  -- JSON
    -- The department that decides who may see the record (team-leader scoping): an employee's own
    -- department; an absence spell's employee's department. NULL for departments.
    scope_department TEXT,
    -- An absence spell's employee, for the overlap check and re-scoping when an employee moves.
    employee_id      TEXT
);
CREATE UNIQUE INDEX records_org_rev ON records(org_id, rev);
CREATE INDEX records_org_employee ON records(org_id, employee_id) WHERE employee_id IS NOT NULL;

-- A refused (conflicting) version of a record, kept until a later accepted change of the same
-- record supersedes it: nothing typed is ever silently lost (ARCHITECTURE.md).
CREATE TABLE sync_conflicts (
    id        INTEGER PRIMARY KEY,
    org_id    TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    type      TEXT NOT NULL,
    record_id TEXT NOT NULL,
    base_rev  INTEGER NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0,
    data      TEXT NOT NULL,
    user_id   TEXT NOT NULL,
    at        TEXT NOT NULL
);
CREATE INDEX sync_conflicts_record ON sync_conflicts(org_id, record_id);

-- Who did what when. detail is JSON with ids and revisions only, never health content.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    org_id      TEXT,          -- NULL for a failed login naming an unknown account
    user_id     TEXT,
    at          TEXT NOT NULL, -- ISO 8601 UTC
    action      TEXT NOT NULL,
    record_type TEXT,
    record_id   TEXT,
    detail      TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_org ON audit_log(org_id, id);
CREATE INDEX audit_org_record ON audit_log(org_id, record_id);
