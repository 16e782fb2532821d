// Prepared statements behind tabulation: reads only, each one a primary-key or index range scan.
import type {
  CategoryTexts,
  Member,
  OptionCount,
  ResponseFilter,
  ResultsStorage,
  StoredResponse,
} from "../tabulate/results-storage.ts";
import type { DB } from "./open-database.ts";

interface FilterParams {
  version: number;
  channels: string | null;
  from: string;
  to: string;
}

export function createResultsStatements(db: DB): ResultsStorage {
  // The channel list is bound as one JSON parameter and expanded by json_each: no SQL is spliced.
  const responses = db.prepare<FilterParams, StoredResponse>(
    `SELECT id, category, submitted_on AS day, answers FROM responses
      WHERE survey_version_id = @version
        AND submitted_on BETWEEN @from AND @to
        AND (@channels IS NULL OR channel IN (SELECT value FROM json_each(@channels)))`,
  );
  // Raw rows (arrays, not objects) for the reads that return one row per response.
  const counts = db
    .prepare<[number], [string, string, string, number]>(
      `SELECT question, category, option, count(*) FROM answers
        WHERE survey_version_id = ? GROUP BY question, category, option`,
    )
    .raw();
  const categories = db
    .prepare<[number], [string, string]>(
      "SELECT id, category FROM responses WHERE survey_version_id = ?",
    )
    .raw();
  const chose = db
    .prepare<[number, string, string], [string, string]>(
      `SELECT response_id, category FROM answers
        WHERE survey_version_id = ? AND question = ? AND option = ?`,
    )
    .raw();
  // Counted here rather than by GROUP BY text: the scan is already in category order, and a
  // Map is cheaper than sorting 100,000 free texts in a temporary B-tree.
  const texts = db
    .prepare<[number, string, string], [string, string | null]>(
      `SELECT category, text FROM answers
        WHERE survey_version_id = ? AND question = ? AND option = ?`,
    )
    .raw();
  const answered = db.prepare<[number, string], { category: string; n: number }>(
    `SELECT category, count(DISTINCT response_id) AS n FROM answers
      WHERE survey_version_id = ? AND question = ? GROUP BY category`,
  );
  const channels = db
    .prepare<[number], string>(
      "SELECT DISTINCT channel FROM responses WHERE survey_version_id = ? ORDER BY channel",
    )
    .pluck();
  const days = db.prepare<[number], { first: string | null; last: string | null }>(
    `SELECT min(submitted_on) AS first, max(submitted_on) AS last FROM responses
      WHERE survey_version_id = ?`,
  );

  return {
    iterateResponses: (version: number, filter: ResponseFilter) =>
      responses.iterate({
        version,
        channels: filter.channels ? JSON.stringify(filter.channels) : null,
        from: filter.from ?? "0000-00-00",
        to: filter.to ?? "9999-99-99",
      }),
    countOptions: (version) => counts.all(version),
    categoryMembers: (version) => categories.iterate(version),
    optionMembers: (version, question, option) => chose.iterate(version, question, option),
    optionTexts(version, question, option) {
      const perCategory = new Map<string, Map<string, number>>();
      for (const [category, text] of texts.iterate(version, question, option)) {
        if (text === null) continue;
        let counted = perCategory.get(category);
        if (!counted) perCategory.set(category, (counted = new Map()));
        counted.set(text, (counted.get(text) ?? 0) + 1);
      }
      return perCategory;
    },
    answeredPerCategory: (version, question) => answered.all(version, question),
    responseChannels: (version) => channels.all(version),
    responseDays(version) {
      const row = days.get(version);
      return row?.first && row.last ? { first: row.first, last: row.last } : null;
    },
  };
}
