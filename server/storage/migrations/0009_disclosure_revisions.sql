-- A revision per survey version's publication ledger (issue 16): raised by one with every ledger
-- write, and a write naming an older revision is refused. Two instances on one database each keep
-- a ledger in memory; a worker whose copy is older than the disk reloads it, and a publication
-- decided on an older copy is decided again, so no view published on one instance can be
-- subtracted from one published on the other. A count of writes: no response, no answer, no time.
-- No row yet means revision 0.
CREATE TABLE disclosure_revisions (
  survey_version_id INTEGER NOT NULL PRIMARY KEY REFERENCES survey_versions (id),
  revision INTEGER NOT NULL CHECK (revision >= 1)
) WITHOUT ROWID;
