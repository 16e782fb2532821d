-- Counts per (version, question, category, option), kept by the answer indexer in the same
-- transaction that writes the long table: the full banner reads ~1,500 rows instead of grouping
-- 3.3 million at 100,000 responses. Counts only: no response id, nothing to link.
CREATE TABLE answer_counts (
  survey_version_id INTEGER NOT NULL,
  question TEXT NOT NULL,
  category TEXT NOT NULL,
  option TEXT NOT NULL,
  n INTEGER NOT NULL CHECK (n > 0),
  PRIMARY KEY (survey_version_id, question, category, option)
) WITHOUT ROWID;

INSERT INTO answer_counts (survey_version_id, question, category, option, n)
SELECT survey_version_id, question, category, option, count(*) FROM answers
 GROUP BY survey_version_id, question, category, option;

-- Free texts (text answers and “其他” notes) by question and option: listing them reads only
-- the rows that have one, instead of every row of the question.
CREATE INDEX answers_texts ON answers (survey_version_id, question, option, category, text)
  WHERE text IS NOT NULL;
