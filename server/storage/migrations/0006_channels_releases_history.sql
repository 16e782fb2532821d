-- Anonymity against an insider (README: Threat model).
-- 1. A response keeps an immutable channel id, fixed when its link or batch was made, instead of the
--    label: renaming a link can no longer write anything (say, the time) into stored responses.
-- 2. A response keeps no submission day. It waits (released_on NULL) until its category × channel
--    cell has at least k waiting responses (or the survey closes), and is then released with that
--    cell's whole cohort. Every count and result reads released responses only, so no output, and
--    no stored publication history, tells apart arrivals finer than a cohort.
-- 3. What results have published is kept (disclosure_members, disclosure_partitions), so the
--    differencing check survives a restart.
-- 4. The audit log keeps minutes, not milliseconds, and no response counts.

ALTER TABLE links ADD COLUMN channel_id TEXT NOT NULL DEFAULT '';
UPDATE links SET channel_id = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX links_channel ON links (channel_id);

ALTER TABLE code_batches ADD COLUMN channel_id TEXT NOT NULL DEFAULT '';
UPDATE code_batches SET channel_id = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX code_batches_channel ON code_batches (channel_id);

-- Channels of responses stored before 0006 whose label does not name exactly one link or batch.
-- A label shared by several keeps its own legacy channel. Labels that name none were written by a
-- link renamed since (possibly renamed again and again to stamp times on responses): they are
-- merged into one channel per survey, so no old label reaches an output.
CREATE TABLE legacy_channels (
  id TEXT NOT NULL PRIMARY KEY,
  survey_id TEXT NOT NULL REFERENCES surveys (id),
  label TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE channel_map_0006 (
  survey_id TEXT NOT NULL,
  label TEXT NOT NULL,
  named INTEGER NOT NULL DEFAULT 0,
  channel_id TEXT,
  PRIMARY KEY (survey_id, label)
) WITHOUT ROWID;
INSERT INTO channel_map_0006 (survey_id, label)
  SELECT DISTINCT v.survey_id, r.channel
    FROM responses r JOIN survey_versions v ON v.id = r.survey_version_id;
UPDATE channel_map_0006 SET
  named = (SELECT count(*) FROM links l
            WHERE l.survey_id = channel_map_0006.survey_id AND l.label = channel_map_0006.label)
        + (SELECT count(*) FROM code_batches b
            WHERE b.survey_id = channel_map_0006.survey_id AND b.label = channel_map_0006.label);
UPDATE channel_map_0006 SET channel_id = coalesce(
  (SELECT l.channel_id FROM links l
    WHERE l.survey_id = channel_map_0006.survey_id AND l.label = channel_map_0006.label),
  (SELECT b.channel_id FROM code_batches b
    WHERE b.survey_id = channel_map_0006.survey_id AND b.label = channel_map_0006.label))
 WHERE named = 1;
UPDATE channel_map_0006 SET channel_id = lower(hex(randomblob(16))) WHERE named > 1;
INSERT INTO legacy_channels (id, survey_id, label)
  SELECT channel_id, survey_id, label FROM channel_map_0006 WHERE named > 1;
INSERT INTO legacy_channels (id, survey_id, label)
  SELECT lower(hex(randomblob(16))), survey_id, '已改名的渠道（升级前）'
    FROM channel_map_0006 WHERE named = 0 GROUP BY survey_id;
UPDATE channel_map_0006 SET channel_id = (
  SELECT c.id FROM legacy_channels c
   WHERE c.survey_id = channel_map_0006.survey_id AND c.label = '已改名的渠道（升级前）')
 WHERE named = 0;

-- The label and the day go; the channel id and the release day come. DROP COLUMN rewrites each
-- row, and secure_delete zeroes what the old rows held.
DROP INDEX responses_by_category;
ALTER TABLE responses ADD COLUMN channel_id TEXT NOT NULL DEFAULT '';
-- The day the response's cohort was released; NULL while it waits.
ALTER TABLE responses ADD COLUMN released_on TEXT
  CHECK (released_on IS NULL OR length(released_on) = 10);
-- Responses stored before 0006 were already counted and shown: released on their day.
UPDATE responses SET released_on = submitted_on, channel_id = (
  SELECT m.channel_id FROM channel_map_0006 m JOIN survey_versions v ON v.survey_id = m.survey_id
   WHERE v.id = responses.survey_version_id AND m.label = responses.channel);
ALTER TABLE responses DROP COLUMN channel;
ALTER TABLE responses DROP COLUMN submitted_on;
DROP TABLE channel_map_0006;

-- Counts per category, release day and channel come from this index alone (returns, results).
CREATE INDEX responses_by_category ON responses (survey_version_id, category, released_on, channel_id);
-- The waiting responses, by cell: what the releaser reads.
CREATE INDEX responses_waiting ON responses (survey_version_id, category, channel_id)
  WHERE released_on IS NULL;

-- The publication ledger (server/tabulate/disclosure/publication-ledger.ts): a small integer per
-- response that any output has published, and per domain the partition of those responses into
-- classes plus the published groups as lists of classes. Published outputs only ever cover
-- released cohorts, so this keeps no arrival order finer than released_on does.
CREATE TABLE disclosure_members (
  survey_version_id INTEGER NOT NULL REFERENCES survey_versions (id),
  response_id TEXT NOT NULL REFERENCES responses (id),
  ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
  PRIMARY KEY (survey_version_id, response_id)
) WITHOUT ROWID;

CREATE TABLE disclosure_partitions (
  survey_version_id INTEGER NOT NULL REFERENCES survey_versions (id),
  domain TEXT NOT NULL,
  -- Int32 little-endian, one class per ordinal (0 = in no published group).
  classes BLOB NOT NULL,
  -- JSON: the published groups, each a sorted list of class ids.
  groups TEXT NOT NULL,
  PRIMARY KEY (survey_version_id, domain)
) WITHOUT ROWID;

-- Minutes only, and no "n=": the log says who looked at what, not how many answers there were.
DROP TRIGGER audit_log_no_update;
UPDATE audit_log SET at = substr(at, 1, 16) || 'Z' WHERE length(at) > 17;
UPDATE audit_log SET detail =
  substr(detail, 1, instr(detail, ' n=') - 1) ||
  CASE WHEN instr(substr(detail, instr(detail, ' n=') + 3), ' ') = 0 THEN ''
       ELSE substr(substr(detail, instr(detail, ' n=') + 3),
                   instr(substr(detail, instr(detail, ' n=') + 3), ' '))
  END
 WHERE instr(detail, ' n=') > 0;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
