// Round trip: every valid response, with odd unicode, emoji and HTML-looking free texts, reads
// back exactly as submitted, from the responses table and from the long table once indexed.
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { z } from "zod";
import { responseIdFor } from "../../../server/ballot-box/response-ids.ts";
import { parseStoredRows, type StoredRow } from "../../../server/storage/stored-rows.ts";
import {
  type Answers,
  checkAnswers,
  findCategoryQuestion,
  isChoice,
  isText,
  listQuestions,
  type OtherTexts,
} from "../../../surveys/format/answers.ts";
import { newSubmissionId, postJson } from "../../support/api.ts";
import { randomAnswers, seededRandom } from "../../support/random-answers.ts";
import { loadSeedSurvey } from "../../support/survey-answers.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

const SEED = 4_242;
const survey = loadSeedSurvey();
const questions = listQuestions(survey);
const categories = findCategoryQuestion(survey);
const categoryCodes =
  categories && isChoice(categories) ? categories.options.map((o) => o.code) : [];
const LOCKED = "I";
const links = [
  { label: "乡镇<b>党委</b> & 🏛️ \u202e渠道", category: undefined },
  { label: '村(社区)干部 👩‍🌾 "锁定"', category: LOCKED },
];

let server: TestServer;
let version: number;
const linkIds: string[] = [];
const channelIds: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  for (const link of links) {
    const made = await server.createLink(link);
    linkIds.push(made.id);
    channelIds.push(made.channelId);
  }
  const page = await fetch(`${server.url}/api/links/${linkIds[0]}/survey`);
  version = z.object({ version: z.number() }).parse(await page.json()).version;
});
afterAll(() => server.close());

/** Texts that trip up storage, escaping or display, yet are perfectly valid answers. */
const ODD_TEXTS = [
  "👩‍👩‍👧‍👦 家庭",
  "🇨🇳🏳️‍🌈",
  "e\u0301 combining",
  "مرحبا بالعالم",
  "<script>alert('x')</script>",
  "&lt;b&gt; &amp;",
  '=HYPERLINK("http://evil.example","x")',
  "\u200b\u200d零宽",
  "  前后空格  ",
  "line1\nline2\r\nline3\ttab",
  "\\u0000 literally",
  "𠮷野家 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
  "\ufeffBOM",
  "'; DROP TABLE responses; --",
];
const oddText = fc
  .oneof(
    fc.constantFrom(...ODD_TEXTS),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }),
    fc.string({ unit: "grapheme-composite", minLength: 1, maxLength: 30 }),
  )
  .filter((t) => t.trim() !== "");

/** At most `max` code points (the survey's limit counts those), never an empty answer. */
const clip = (text: string, max: number) => [...text].slice(0, max).join("");

function validResponse(seed: number, category: string, locked: string | null, texts: string[]) {
  const made = randomAnswers(survey, seededRandom(seed), category, locked);
  const answers: Answers = { ...made.answers };
  const otherText: OtherTexts = {};
  let next = 0;
  const take = () => texts[next++ % texts.length] ?? "x";
  for (const q of questions) {
    if (isText(q) && typeof answers[q.code] === "string")
      answers[q.code] = clip(take(), q.maxLength);
    const other = isChoice(q) ? q.options.find((o) => o.other) : undefined;
    if (other && made.otherText[q.code] !== undefined)
      otherText[q.code] = clip(take(), other.otherMaxLength ?? 200);
  }
  expect(checkAnswers(survey, answers, otherText, { lockedCategory: locked })).toEqual([]);
  return { answers, otherText };
}

/** Answers and 其他 texts rebuilt from stored rows; multiple choices come back in survey order. */
function readBack(rows: readonly StoredRow[]) {
  const answers: Answers = {};
  const otherText: OtherTexts = {};
  for (const [code, option, text] of rows) {
    const q = questions.find((x) => x.code === code);
    if (!q || !isChoice(q)) answers[code] = text ?? "";
    else if (q.kind === "single") answers[code] = option;
    else {
      const previous = answers[code];
      answers[code] = [...(Array.isArray(previous) ? previous : []), option];
    }
    if (q && isChoice(q) && text !== null) otherText[code] = text;
  }
  return { answers, otherText };
}

/** The submission as the server promises to keep it: multiple choices in survey order. */
function inSurveyOrder(answers: Answers): Answers {
  const ordered: Answers = {};
  for (const q of questions) {
    const value = answers[q.code];
    if (value === undefined) continue;
    ordered[q.code] =
      Array.isArray(value) && isChoice(q)
        ? q.options.map((o) => o.code).filter((code) => value.includes(code))
        : value;
  }
  return ordered;
}

it("reads back every valid response exactly as submitted, through open and locked links", async () => {
  const submitted: { id: string; rows: StoredRow[]; expected: unknown }[] = [];
  await fc.assert(
    fc.asyncProperty(
      fc.integer(),
      fc.constantFrom(...categoryCodes),
      fc.boolean(),
      fc.array(oddText, { minLength: 1, maxLength: 8 }),
      async (seed, chosen, lockedLink, texts) => {
        const locked = lockedLink ? LOCKED : null;
        const { answers, otherText } = validResponse(seed, chosen, locked, texts);
        const submissionId = newSubmissionId();
        const linkId = linkIds[lockedLink ? 1 : 0];
        const posted = await postJson(`${server.url}/api/links/${linkId}/responses`, {
          submissionId,
          version,
          answers,
          otherText,
        });
        expect(posted.status, JSON.stringify(posted.body)).toBe(201);

        const id = responseIdFor(submissionId);
        const [stored] = await server.query<{
          channel_id: string;
          category: string;
          answers: string;
        }>("SELECT channel_id, category, answers FROM responses WHERE id = ?", id);
        const expected = { answers: inSurveyOrder(answers), otherText };
        expect(stored?.channel_id).toBe(channelIds[lockedLink ? 1 : 0]);
        expect(stored?.category).toBe(locked ?? answers[categories?.code ?? ""]);
        const rows = parseStoredRows(stored?.answers ?? "[]");
        expect(readBack(rows)).toEqual(expected);
        submitted.push({ id, rows, expected });
      },
    ),
    { numRuns: 150, seed: SEED },
  );

  // Once released (the survey closed releases every cohort, small ones too), the long table
  // holds the same rows for each of them.
  await server.system.deps.storage.setSurveyState(survey.id, "closed");
  for (const { id, rows, expected } of submitted) {
    const long = await server.query<{
      question: string;
      option: string;
      text: string | null;
      category: string;
    }>("SELECT question, option, text, category FROM answers WHERE response_id = ?", id);
    expect(new Set(long.map((r) => r.category)).size).toBe(1);
    const longRows: StoredRow[] = long.map((r) => [r.question, r.option, r.text]);
    expect(readBack(sortLike(rows, longRows))).toEqual(expected);
  }
});

/** The long table is clustered by question and option: put its rows back in stored order. */
function sortLike(stored: readonly StoredRow[], rows: StoredRow[]): StoredRow[] {
  const rank = (r: StoredRow) => stored.findIndex((s) => s[0] === r[0] && s[1] === r[1]);
  expect(rows.length).toBe(stored.length);
  return [...rows].sort((a, b) => rank(a) - rank(b));
}

// A lone surrogate would read back as U+FFFD; U+0000 cannot be kept by PostgreSQL's text at all,
// and one such answer in the long table's backlog would stop its expansion for everyone.
it.each([
  ["a lone surrogate", '"a\\ud800b"'],
  ["U+0000", '"x\\u0000y"'],
])("refuses a text the database cannot keep exactly (%s), storing nothing", async (_name, bad) => {
  const made = validResponse(1, "A", null, ["正常"]);
  const textCode = questions.find((q) => !isChoice(q))?.code ?? "";
  const otherCode = Object.keys(made.otherText)[0] ?? "";
  for (const [answers, otherText, question] of [
    [{ ...made.answers, [textCode]: "SLOT" }, made.otherText, textCode],
    [made.answers, { ...made.otherText, [otherCode]: "SLOT" }, otherCode],
  ] as const) {
    // JSON text, so that the server's own parser makes the character.
    const body = JSON.stringify({ submissionId: newSubmissionId(), version, answers, otherText });
    const before = await server.countResponses();
    const posted = await postJson(
      `${server.url}/api/links/${linkIds[0]}/responses`,
      body.replace('"SLOT"', bad),
    );
    expect(posted.status).toBe(422);
    // The phone can show which question to fix.
    expect(posted.body).toMatchObject({ error: { fields: [{ question }] } });
    expect(await server.countResponses()).toBe(before);
  }
});
