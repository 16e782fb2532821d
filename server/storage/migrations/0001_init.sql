-- The first schema. What is NOT here matters as much as what is: no IP, user agent, cookie,
-- device id, exact time or link id is ever stored with a response.

CREATE TABLE survey_versions (
  id INTEGER PRIMARY KEY,
  survey_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  definition TEXT NOT NULL,
  created_on TEXT NOT NULL,
  CONSTRAINT survey_versions_number UNIQUE (survey_id, version),
  CONSTRAINT survey_versions_content UNIQUE (survey_id, content_hash)
);

-- One row per survey file: which version is live now.
CREATE TABLE surveys (
  id TEXT NOT NULL PRIMARY KEY,
  current_version_id INTEGER NOT NULL REFERENCES survey_versions (id)
) WITHOUT ROWID;

CREATE TABLE links (
  id TEXT NOT NULL PRIMARY KEY,
  survey_id TEXT NOT NULL REFERENCES surveys (id),
  label TEXT NOT NULL,
  locked_category TEXT,
  cap INTEGER CHECK (cap IS NULL OR cap > 0),
  opens_at TEXT,
  closes_at TEXT,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'paused', 'closed')),
  -- A counter, not a list: the cap is enforced without linking any response to its link.
  completed INTEGER NOT NULL DEFAULT 0 CHECK (cap IS NULL OR completed <= cap),
  created_at TEXT NOT NULL
) WITHOUT ROWID;

-- WITHOUT ROWID keyed by a random id: the storage order says nothing about submission order.
-- `answers` is the response's long-table rows as canonical JSON (survey order, never the client's
-- own key order): the one row written while the respondent waits, and the durable record.
CREATE TABLE responses (
  id TEXT NOT NULL PRIMARY KEY,
  survey_version_id INTEGER NOT NULL REFERENCES survey_versions (id),
  channel TEXT NOT NULL,
  category TEXT NOT NULL,
  submitted_on TEXT NOT NULL CHECK (length(submitted_on) = 10),
  answers TEXT NOT NULL
) WITHOUT ROWID;

-- The long table: one row per (response, question, option or text), carrying the category, and
-- clustered in tabulation order, so a breakdown by category is one range scan with no join.
-- It is filled from responses.answers shortly after the acknowledgement (responses/answer-indexer.ts):
-- sorted bulk inserts cost a fraction of 36 random-position inserts per respondent.
CREATE TABLE answers (
  survey_version_id INTEGER NOT NULL,
  question TEXT NOT NULL,
  category TEXT NOT NULL,
  option TEXT NOT NULL,
  response_id TEXT NOT NULL REFERENCES responses (id),
  text TEXT,
  PRIMARY KEY (survey_version_id, question, category, option, response_id)
) WITHOUT ROWID;

-- Responses whose long-table rows are not written yet. Drained within a second when idle.
CREATE TABLE answers_pending (
  response_id TEXT NOT NULL PRIMARY KEY REFERENCES responses (id)
) WITHOUT ROWID;
