-- Access that holds under concurrency: every change to an account names the version it read, so
-- two edits racing cannot silently undo each other; and API tokens now expire.

-- Raised by one on every change; an update applies only if the row is still at the version it read
-- (storage/sqlite-admins.ts changeAdmin).
ALTER TABLE admins ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

-- ISO instant from which the token is refused. Tokens made before this migration get 90 days from
-- their creation; '' is never written afterwards, and would compare as long expired.
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT NOT NULL DEFAULT '';
UPDATE api_tokens SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+90 days');
