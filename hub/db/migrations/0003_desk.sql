-- Command-center staff: dispatchers triage and dispatch, admins also run the fleet and settings.
-- Passwords are scrypt hashes; repeated wrong passwords lock the account for a while.
CREATE TABLE staff (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('dispatcher', 'admin')),
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  login_failures INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  created_at INTEGER NOT NULL,
  last_login_at INTEGER
);

-- One row per signed-in browser. The cookie carries a random token; only its SHA-256 is stored.
CREATE TABLE staff_sessions (
  id INTEGER PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff (id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);

-- Who did what to which thing, with the state before and after; written in the same transaction
-- as the change it describes. Append-only, like the event log.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  staff_id INTEGER REFERENCES staff (id),
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT,
  at INTEGER NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id);

CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- Per-category SLA hours and phrase chips. A category without a row uses the defaults in
-- shared/domain/categories.ts.
CREATE TABLE category_settings (
  category TEXT PRIMARY KEY,
  response_hours REAL NOT NULL CHECK (response_hours > 0),
  urgent_hours REAL NOT NULL CHECK (urgent_hours > 0),
  resolution_hours REAL NOT NULL CHECK (resolution_hours > 0),
  phrases TEXT NOT NULL DEFAULT '[]',
  updated_at INTEGER NOT NULL
);

-- Desk-wide settings as key/value (escalation and auto-release hours); absent keys use defaults.
CREATE TABLE desk_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

-- One-time kiosk enrolment codes. The code is shown once (as a URL and QR); only its hash is kept.
CREATE TABLE kiosk_enrolments (
  id INTEGER PRIMARY KEY,
  kiosk_id INTEGER NOT NULL REFERENCES kiosks (id),
  code_hash TEXT NOT NULL UNIQUE,
  created_by INTEGER REFERENCES staff (id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE INDEX kiosk_enrolments_kiosk ON kiosk_enrolments (kiosk_id);

-- Posts can be retired without losing the history of what was dispatched to them.
ALTER TABLE posts ADD COLUMN active INTEGER NOT NULL DEFAULT 1;

-- The desk queue reads every unfinished item across sites.
CREATE INDEX wishes_status_received ON wishes (status, received_at);
