// Fills a PostgreSQL database with `count` random responses to the seed survey through the engine's
// own storage API, as preload-store.ts fills a SQLite file: the same seed, categories in turn, one
// channel, so both engines hold the same answers. Then an analyst and an API token for the bench.
import { nanoid } from "nanoid";
import { createAccount, issueApiToken } from "../../server/admin/accounts.ts";
import { toAnswerRows } from "../../server/respondent/answer-rows.ts";
import { openPostgresStorage } from "../../server/storage/postgres/pg-storage.ts";
import type { ResponseToStore } from "../../server/storage/storage.ts";
import { newVersion } from "../../server/surveys/survey-catalog.ts";
import { findCategoryQuestion, isChoice } from "../../surveys/format/answers.ts";
import { parseSurvey } from "../../surveys/format/parse-survey.ts";
import { resolveSurvey } from "../../surveys/format/resolve-survey.ts";
import { randomAnswers, seededRandom } from "../support/random-answers.ts";
import { seedSurveyInput } from "../support/tabulation-store.ts";

/** One transaction per batch: what group commit sends, only larger. */
const BATCH = 1000;

export interface PreloadTiming {
  storeSeconds: number;
  expandSeconds: number;
}

/** Stores, releases on `dayOf(i)` and expands `count` responses; returns an analyst's API token. */
export async function preloadPostgres(
  url: string,
  count: number,
  dayOf: (i: number) => string,
): Promise<{ secret: string; timing: PreloadTiming }> {
  const parsed = parseSurvey(seedSurveyInput(), "seed");
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  const survey = resolveSurvey(parsed.survey);
  const storage = await openPostgresStorage(url);
  try {
    const { record } = await storage.registerSurveyVersion(
      newVersion(parsed.survey, "2026-11-25", "always"),
    );
    const linkId = nanoid();
    await storage.createLink({
      id: linkId,
      surveyId: record.surveyId,
      channelId: "t",
      label: "t",
      lockedCategory: null,
      cap: null,
      opensAt: null,
      closesAt: null,
      state: "open",
      createdAt: new Date().toISOString(),
    });
    const question = findCategoryQuestion(survey);
    const categories = question && isChoice(question) ? question.options.map((o) => o.code) : ["A"];
    const random = seededRandom(count);
    const started = performance.now();
    for (let done = 0; done < count; done += BATCH) {
      const byDay = new Map<string, ResponseToStore[]>();
      for (let i = done; i < Math.min(done + BATCH, count); i++) {
        const category = categories[i % categories.length] ?? "A";
        const { answers, otherText } = randomAnswers(survey, random, category, null);
        const day = dayOf(i);
        const onDay = byDay.get(day) ?? [];
        onDay.push({
          responseId: nanoid(22),
          via: { kind: "link", id: linkId },
          surveyVersionId: record.id,
          channelId: "t",
          category,
          rows: toAnswerRows(survey, answers, otherText, null),
        });
        byDay.set(day, onDay);
      }
      // Released on its day before the next day's are stored: a release takes a cell's waiting
      // responses whole.
      for (const [day, batch] of byDay) {
        const outcomes = await storage.storeResponses(batch, new Date().toISOString());
        const refused = outcomes.filter((o) => o.kind !== "created").length;
        if (refused > 0) throw new Error(`${refused} preloaded responses were not stored`);
        const cells = new Set(batch.map((r) => r.category));
        await storage.releaseCells(
          [...cells].map((category) => ({ versionId: record.id, category, channelId: "t" })),
          day,
        );
      }
    }
    const stored = performance.now();
    while ((await storage.expandPendingAnswers(5000)) > 0);
    const expanded = performance.now();
    const analyst = await createAccount(
      storage,
      { username: "bench", displayName: "bench", role: "analyst", password: "bench-password-1" },
      new Date(),
    );
    if (!analyst) throw new Error("could not create the bench account");
    const { secret } = await issueApiToken(storage, analyst, "bench", new Date());
    const timing = {
      storeSeconds: (stored - started) / 1000,
      expandSeconds: (expanded - stored) / 1000,
    };
    return { secret, timing };
  } finally {
    await storage.close();
  }
}
