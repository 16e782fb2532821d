// Times the tabulation query (every question × category × option count) on a large stored sample,
// against the same counts taken through a join to responses, in the same run.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nanoid } from "nanoid";
import { toAnswerRows } from "../../server/respondent/answer-rows.ts";
import { openSqliteEngine } from "../../server/storage/sqlite-storage.ts";
import { newVersion } from "../../server/surveys/survey-catalog.ts";
import { findCategoryQuestion, isChoice, listQuestions } from "../../surveys/format/answers.ts";
import { parseSurveyText } from "../../surveys/format/parse-survey.ts";
import { resolveSurvey } from "../../surveys/format/resolve-survey.ts";
import { fullAnswers } from "../support/survey-answers.ts";

export interface TabulationFigures {
  responses: number;
  answerRows: number;
  storeSeconds: number;
  expandSeconds: number;
  groupByMs: number;
  joinMs: number;
  plan: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export function benchTabulation(count: number): TabulationFigures {
  const parsed = parseSurveyText(readFileSync("surveys/political-ecology.json", "utf8"), "seed");
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  const dir = mkdtempSync(join(tmpdir(), "survey-tab-"));
  const storage = openSqliteEngine(join(dir, "tab.db"));
  try {
    const { record: version } = storage.registerSurveyVersion(
      newVersion(parsed.survey, "2026-11-25", "always"),
    );
    const survey = resolveSurvey(parsed.survey);
    const linkId = nanoid();
    storage.createLink({
      id: linkId,
      surveyId: version.surveyId,
      channelId: "bench",
      label: "bench",
      lockedCategory: null,
      cap: null,
      opensAt: null,
      closesAt: null,
      state: "open",
      createdAt: new Date().toISOString(),
    });
    const categories = findCategoryQuestion(survey);
    const codes =
      categories && isChoice(categories) ? categories.options.map((o) => o.code) : ["A"];
    const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;

    const started = performance.now();
    for (let done = 0; done < count; done += 500) {
      const batch = Array.from({ length: Math.min(500, count - done) }, () => {
        const category = pick(codes);
        const { answers, otherText } = fullAnswers(survey, category);
        // Vary the evaluation answers so counts spread over every option, as real data would.
        for (const q of listQuestions(survey)) {
          if (
            q.kind === "single" &&
            !q.category &&
            !q.showIf &&
            typeof answers[q.code] === "string"
          )
            answers[q.code] = pick(q.options).code;
        }
        const rows = toAnswerRows(survey, answers, otherText, null);
        return {
          responseId: nanoid(22),
          via: { kind: "link" as const, id: linkId },
          surveyVersionId: version.id,
          channelId: "bench",
          category,
          rows,
        };
      });
      storage.storeResponses(batch, new Date().toISOString());
    }
    const stored = performance.now();
    storage.releaseCells(
      codes.map((category) => ({ versionId: version.id, category, channelId: "bench" })),
      "2026-11-25",
    );
    while (storage.expandPendingAnswers(2000) > 0);
    const expanded = performance.now();

    const { db } = storage;
    const groupBy = db.prepare(
      `SELECT question, category, option, count(*) AS n FROM answers
        WHERE survey_version_id = ? GROUP BY question, category, option`,
    );
    const viaJoin = db.prepare(
      `SELECT a.question, r.category, a.option, count(*) AS n FROM answers a
         JOIN responses r ON r.id = a.response_id
        WHERE a.survey_version_id = ? GROUP BY a.question, r.category, a.option`,
    );
    const time = (run: () => unknown) =>
      median(
        [1, 2, 3].map(() => {
          const t = performance.now();
          run();
          return performance.now() - t;
        }),
      );
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${groupBy.source}`).all(version.id) as {
      detail: string;
    }[];
    return {
      responses: storage.countResponses(),
      answerRows: (db.prepare("SELECT count(*) AS n FROM answers").get() as { n: number }).n,
      storeSeconds: (stored - started) / 1000,
      expandSeconds: (expanded - stored) / 1000,
      groupByMs: time(() => groupBy.all(version.id)),
      joinMs: time(() => viaJoin.all(version.id)),
      plan: plan.map((p) => p.detail).join("; "),
    };
  } finally {
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
