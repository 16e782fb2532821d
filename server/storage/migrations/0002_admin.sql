-- The office's side: accounts, sessions, API tokens, the audit log, single-use codes, targets.
-- As in 0001, what is absent matters: the code ledger has no time and no response id.

ALTER TABLE surveys ADD COLUMN state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed'));

CREATE TABLE admins (
  id TEXT NOT NULL PRIMARY KEY,
  username TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'distributor')),
  -- scrypt$N$r$p$salt$hash, see admin/passwords.ts
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at TEXT NOT NULL,
  CONSTRAINT admins_username UNIQUE (username)
) WITHOUT ROWID;

-- Only the sha256 of a session token is kept: a copy of the database opens no session.
CREATE TABLE admin_sessions (
  token_hash TEXT NOT NULL PRIMARY KEY,
  admin_id TEXT NOT NULL REFERENCES admins (id),
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE api_tokens (
  id TEXT NOT NULL PRIMARY KEY,
  admin_id TEXT NOT NULL REFERENCES admins (id),
  token_hash TEXT NOT NULL,
  label TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_on TEXT,
  revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
  CONSTRAINT api_tokens_hash UNIQUE (token_hash)
) WITHOUT ROWID;

-- Who did what in the console, and when. Respondents never appear here.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT ''
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TABLE code_batches (
  id TEXT NOT NULL PRIMARY KEY,
  survey_id TEXT NOT NULL REFERENCES surveys (id),
  label TEXT NOT NULL,
  locked_category TEXT,
  issued INTEGER NOT NULL CHECK (issued > 0),
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'revoked')),
  created_at TEXT NOT NULL
) WITHOUT ROWID;

-- The ledger: a code and two flags. No time, no response id, and keyed by the random code,
-- so neither a column nor the storage order tells which response used which code.
CREATE TABLE codes (
  code TEXT NOT NULL PRIMARY KEY,
  batch_id TEXT NOT NULL REFERENCES code_batches (id),
  used INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1)),
  revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
) WITHOUT ROWID;

CREATE INDEX codes_by_batch ON codes (batch_id, used, revoked);

-- The sample plan: how many completed questionnaires are wanted, per category and in all ('').
CREATE TABLE survey_targets (
  survey_id TEXT NOT NULL REFERENCES surveys (id),
  category TEXT NOT NULL,
  target INTEGER NOT NULL CHECK (target > 0),
  PRIMARY KEY (survey_id, category)
) WITHOUT ROWID;
