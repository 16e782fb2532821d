-- Drafts of surveys being written in the console (issue 14). A draft is never live: no link, code
-- or response refers to it, and it holds no respondent data. Publishing turns it into a frozen
-- survey_versions row, exactly as importing the same file does, and deletes it in one transaction.
CREATE TABLE survey_drafts (
  id TEXT NOT NULL PRIMARY KEY,
  -- The survey JSON as the editor last saved it: it may be invalid while it is being written.
  definition TEXT NOT NULL,
  -- The version it was opened from; NULL for a blank draft or one made from pasted text or a sheet.
  based_on_version_id INTEGER REFERENCES survey_versions (id),
  -- Raised by one on every save: a save naming an older revision is refused (two admins editing).
  revision INTEGER NOT NULL CHECK (revision >= 1),
  -- To the minute, like the audit log.
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
