-- A revision per survey version's publication ledger (issue 16; SQLite's 0009): raised by one with
-- every ledger write, under the row's lock, and a write naming an older revision is refused. Each
-- instance's worker reloads its ledger when the disk is ahead, and a publication decided on an
-- older copy is decided again, so views published on two instances cannot be subtracted.
-- No row yet means revision 0.
CREATE TABLE disclosure_revisions (
  survey_version_id INTEGER NOT NULL PRIMARY KEY REFERENCES survey_versions (id),
  revision INTEGER NOT NULL CHECK (revision >= 1)
);
