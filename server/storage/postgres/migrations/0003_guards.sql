-- The guards against guessing and flooding, shared by every instance (issue 16): request counts per
-- address (code lookups, link submissions), sign-in counters per account name and address, with the
-- checks in flight, and submissions per link per minute (the burst alert). SQLite keeps these in its
-- one process's memory; here they must be common, or each instance behind a round-robin would add
-- its own allowance.
--
-- What they hold, and for how long:
-- * UNLOGGED: never written to the WAL, so never in a replica, a WAL archive or a point-in-time
--   restore; PostgreSQL empties them after a crash, which only forgives. Backups leave their rows
--   out with `pg_dump --no-unlogged-table-data` (README).
-- * No address, account name or link id in clear: `key_hash` is HMAC-SHA256 of it, computed by the
--   server, under a key of the hour (guard_keys). A key is deleted once the hour after its own has
--   passed; the longest memory here (a sign-in counter, forgotten after an hour without attempts)
--   carries its row over to the new key when it is touched. Without the key a hash is unlinkable,
--   even to someone who tries every IPv4 address.
-- * Each row carries when it may go (`keep_until`, ms since the epoch) and is deleted after that.
-- * Milliseconds are BIGINT; nothing here is a time tied to a response.

CREATE UNLOGGED TABLE guard_keys (
  -- The hour (ms since the epoch / 3,600,000) whose hashes this key makes.
  period BIGINT NOT NULL PRIMARY KEY,
  key BYTEA NOT NULL CHECK (length(key) = 32)
);

-- One fixed window's requests per (scope, address), and per scope from everyone.
CREATE UNLOGGED TABLE guard_windows (
  key_hash BYTEA NOT NULL PRIMARY KEY,
  window_end BIGINT NOT NULL,
  n INTEGER NOT NULL CHECK (n > 0),
  keep_until BIGINT NOT NULL
);
CREATE INDEX guard_windows_expiry ON guard_windows (keep_until);

-- Password attempts per account name and per address (admin/login-throttle.ts).
CREATE UNLOGGED TABLE guard_sign_ins (
  key_hash BYTEA NOT NULL PRIMARY KEY,
  attempts INTEGER NOT NULL CHECK (attempts >= 0),
  checked_at BIGINT NOT NULL,
  seen_at BIGINT NOT NULL,
  keep_until BIGINT NOT NULL
);
CREATE INDEX guard_sign_ins_expiry ON guard_sign_ins (keep_until);

-- Password checks running now: a lease per check and key, taken under the counter's row lock and
-- ended when the check ends. An instance that crashes mid-check leaves a lease that simply expires.
CREATE UNLOGGED TABLE guard_sign_in_leases (
  lease TEXT COLLATE "C" NOT NULL,
  key_hash BYTEA NOT NULL,
  keep_until BIGINT NOT NULL,
  PRIMARY KEY (lease, key_hash)
);
CREATE INDEX guard_sign_in_leases_key ON guard_sign_in_leases (key_hash, keep_until);

-- Submissions through a link per minute, for the returns monitor's one boolean (burst-watch.ts).
CREATE UNLOGGED TABLE guard_bursts (
  key_hash BYTEA NOT NULL,
  minute BIGINT NOT NULL,
  stored INTEGER NOT NULL CHECK (stored >= 0),
  refused INTEGER NOT NULL CHECK (refused >= 0),
  keep_until BIGINT NOT NULL,
  PRIMARY KEY (key_hash, minute)
);
CREATE INDEX guard_bursts_expiry ON guard_bursts (keep_until);

-- The one-time links that create the first admin: the sha256 of a random token (as sessions keep),
-- never the token, so a regular table. Spent by the first use on any instance.
CREATE TABLE setup_links (
  token_hash TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  expires_at BIGINT NOT NULL
);
