// A rating grid tabulated and downloaded: each row is its own banner table with valid % (without
// 不作评价), a grid shown to fewer than k is hidden row by row, and every download carries the rows.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nanoid } from "nanoid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeCsv } from "../../../server/export/csv-table.ts";
import type { ExportInput } from "../../../server/export/export-input.ts";
import { buildNarrative } from "../../../server/export/narrative.ts";
import { rawResponses } from "../../../server/export/raw-responses.ts";
import { writeWorkbook } from "../../../server/export/xlsx-workbook.ts";
import { toAnswerRows } from "../../../server/respondent/answer-rows.ts";
import { createResultsStore } from "../../../server/storage/sqlite-results.ts";
import { openSqliteEngine } from "../../../server/storage/sqlite-storage.ts";
import { type CatalogVersion, newVersion } from "../../../server/surveys/survey-catalog.ts";
import { createPublicationLedger } from "../../../server/tabulate/disclosure/publication-ledger.ts";
import type { Tabulation } from "../../../server/tabulate/results-schemas.ts";
import { tabulate } from "../../../server/tabulate/tabulate.ts";
import type { Answers } from "../../../surveys/format/answers.ts";
import { parseSurveyText } from "../../../surveys/format/parse-survey.ts";
import { resolveSurvey } from "../../../surveys/format/resolve-survey.ts";
import { collect, parseCsv, readWorkbook } from "../export/read-back.ts";

const FILE = "tests/fixtures/surveys-matrix/grid-survey.json";
const dir = mkdtempSync(join(tmpdir(), "grid-tabulate-"));
const storage = openSqliteEngine(join(dir, "t.db"));
/** Tabulation's reads, as the results worker's SQLite reader answers them. */
const results = createResultsStore(storage.db);
let version: CatalogVersion;

/** 20 of category A and 20 of B; only 3 (of A) are shown the Q30 grid, fewer than k = 5. */
function answersFor(i: number): { category: string; answers: Answers } {
  if (i < 20) {
    const r1 = i < 10 ? "A" : i < 16 ? "B" : "D";
    const answers: Answers = {
      Q1: "A",
      Q2: i < 3 ? "Y" : "N",
      Q20: { r1, ...(i < 15 ? { r2: "C" } : {}) },
    };
    if (i < 3) answers.Q30 = { a: "A", b: "B" };
    return { category: "A", answers };
  }
  return { category: "B", answers: { Q1: "B", Q2: "N", Q20: { r1: "C" } } };
}

beforeAll(() => {
  const parsed = parseSurveyText(readFileSync(FILE, "utf8"), FILE);
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  const { record } = storage.registerSurveyVersion(
    newVersion(parsed.survey, "2026-11-25", "always"),
  );
  const survey = resolveSurvey(parsed.survey);
  version = { id: record.id, surveyId: record.surveyId, version: record.version, survey };
  const linkId = nanoid();
  storage.createLink({
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
  const batch = Array.from({ length: 40 }, (_, i) => {
    const { category, answers } = answersFor(i);
    return {
      responseId: nanoid(22),
      via: { kind: "link" as const, id: linkId },
      surveyVersionId: version.id,
      channelId: "t",
      category,
      rows: toAnswerRows(survey, answers, {}, null),
    };
  });
  storage.storeResponses(batch, new Date().toISOString());
  storage.releaseCells(
    ["A", "B"].map((category) => ({ versionId: version.id, category, channelId: "t" })),
    "2026-11-20",
  );
  while (storage.expandPendingAnswers(1000) > 0);
});
afterAll(() => {
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(filter: { from: string | null } = { from: null }): Promise<Tabulation> {
  const outcome = await tabulate(results, createPublicationLedger(), {
    version,
    state: "open",
    banner: undefined,
    filter: { channels: null, from: filter.from, to: null },
    asOf: "2026-11-25",
  });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.tabulation;
}

const table = (t: Tabulation, code: string) => {
  const found = t.questions.find((q) => q.code === code);
  if (!found) throw new Error(`no table ${code}`);
  return found;
};
const counts = (t: Tabulation, code: string, c = 0) =>
  Object.fromEntries(table(t, code).rows.map((r) => [r.key, r.cells[c]?.count ?? null]));

describe("a grid's rows as tables", () => {
  it("one table per row, in survey order, kind matrix, with the grid named", async () => {
    const t = await run();
    expect(t.questions.map((q) => q.code)).toEqual([
      "Q1",
      "Q2",
      "Q20.r1",
      "Q20.r2",
      "Q20.r3",
      "Q30.a",
      "Q30.b",
    ]);
    const r1 = table(t, "Q20.r1");
    expect(r1).toMatchObject({
      kind: "matrix",
      text: "xx县政治生态",
      section: "二、总体评价",
      grid: { code: "Q20", text: "您如何评价xx县以下方面？", row: "r1" },
    });
    expect(table(t, "Q2").grid).toBeNull();
  });

  it("counts each row like a single choice, with the valid % without 不作评价", async () => {
    for (const t of [await run(), await run({ from: "2026-11-01" })]) {
      // Both readers: the long table's index (unfiltered) and the response pass (filtered).
      expect(counts(t, "Q20.r1")).toEqual({ A: 10, B: 6, C: 20, D: 4 });
      expect(counts(t, "Q20.r1", 1)).toEqual({ A: 10, B: 6, C: 0, D: 4 });
      const r1 = table(t, "Q20.r1");
      expect(r1.validBases?.[0]).toBe(36);
      expect(r1.rows[0]?.cells[0]?.validPercent).toBeCloseTo(10 / 36, 12);
      expect(r1.rows[0]?.cells[0]?.percent).toBeCloseTo(10 / 40, 12);
      expect(r1.chiSquare).toHaveProperty("statistic");
      // An optional row: those who left it empty are 未作答.
      expect(counts(t, "Q20.r2")).toEqual({ A: 0, B: 0, C: 15, D: 0, _unanswered: 25 });
      expect(counts(t, "Q20.r3")._unanswered).toBe(40);
    }
  });

  it("hides every row of a grid shown to fewer than k, like any display-logic question", async () => {
    const t = await run();
    for (const code of ["Q30.a", "Q30.b"]) {
      const q = table(t, code);
      expect(q.hidden).toEqual(["small", "small", "small"]);
      expect(q.bases).toEqual([null, null, null]);
      for (const row of q.rows) for (const cell of row.cells) expect(cell.count).toBeNull();
    }
    expect(table(t, "Q20.r1").hidden).toEqual([null, null, null]);
  });
});

describe("a grid in the downloads", () => {
  let input: ExportInput;
  beforeAll(async () => {
    const tabulation = await run();
    const ids = storage.releasedIds(version.id);
    const release = rawResponses(results, ids, version.survey, tabulation, true);
    input = {
      tabulation,
      survey: version.survey,
      raw: release.raw,
      rawNote: release.note,
      generatedOn: "2026-11-25",
    };
  });

  it("XLSX: one sheet per grid with a block per row, raw columns per row, codebook per row", async () => {
    const book = readWorkbook(await collect((out) => writeWorkbook(input, out)));
    expect(book.SheetNames).toEqual(["概要", "Q1", "Q2", "Q20", "Q30", "原始数据", "编码表"]);
    const { utils } = await import("@e965/xlsx");
    const grid = (name: string) =>
      utils.sheet_to_json<(string | number | null)[]>(book.Sheets[name]!, {
        header: 1,
        defval: null,
      });
    const sheet = grid("Q20");
    expect(sheet[0]?.[0]).toBe("Q20　您如何评价xx县以下方面？");
    const titles = sheet
      .map((row) => row[0])
      .filter((v) => typeof v === "string" && /^Q20\.r/.test(v));
    expect(titles).toEqual([
      "Q20.r1　您如何评价xx县以下方面？——xx县政治生态",
      "Q20.r2　您如何评价xx县以下方面？——社会风气",
      "Q20.r3　您如何评价xx县以下方面？——选人用人风气",
    ]);
    // The first block's 好 row: 10 of 40, printed 25.0%, valid 27.8%.
    const good = sheet.find((row) => row[0] === "好");
    expect(good?.slice(1, 4)).toEqual([10, 0.25, 0.278]);
    // Hidden figures are empty cells; the block's headings say why.
    expect(grid("Q30").flat()).not.toContain("<5");
    expect(grid("Q30").flat().join("\n")).toContain("人数少于5，不显示");
    const raw = grid("原始数据");
    const header = raw.find((row) => row[0] === "序号") ?? [];
    expect(header).toEqual(
      expect.arrayContaining(["Q20.r1", "Q20.r1_标签", "Q20.r2", "Q20.r3", "Q30.a"]),
    );
    const codebook = grid("编码表").filter((row) => row[0] === "Q20.r1");
    expect(codebook.map((row) => [row[2], row[3], row[5], row[6]])).toEqual([
      ["您如何评价xx县以下方面？——xx县政治生态", "矩阵题", "好", "必答"],
      ["您如何评价xx县以下方面？——xx县政治生态", "矩阵题", "较好", "必答"],
      ["您如何评价xx县以下方面？——xx县政治生态", "矩阵题", "一般", "必答"],
      ["您如何评价xx县以下方面？——xx县政治生态", "矩阵题", "不作评价", "必答、不计入有效占比"],
    ]);
  });

  it("CSV: records per row table, titled with the grid", async () => {
    const text = (await collect((out) => writeCsv(input, out))).toString("utf8");
    const records = parseCsv(text.replace(/^\uFEFF/, ""));
    const good = records.find((r) => r[0] === "Q20.r1" && r[2] === "好" && r[3] === "全体");
    expect(good?.slice(1, 9)).toEqual([
      "您如何评价xx县以下方面？——xx县政治生态",
      "好",
      "全体",
      "40",
      "10",
      "25",
      "36",
      "27.8",
    ]);
  });

  it("report: a sentence per row in the seed's pattern, and hidden rows withheld", () => {
    const narrative = buildNarrative(input);
    const questions = narrative.sections.flatMap((s) => s.questions);
    const r1 = questions.find((q) => q.code === "Q20.r1");
    expect(r1?.text).toBe("您如何评价xx县以下方面？——xx县政治生态");
    expect(r1?.paragraphs[0]).toBe(
      "对“xx县政治生态”，选择“好”的占 25.0%，“较好”的占 15.0%，“一般”的占 50.0%，“不作评价”的占 10.0%（不含“不作评价”，选择“好”的占 27.8%，“较好”的占 16.7%，“一般”的占 55.6%）。",
    );
    const hidden = questions.find((q) => q.code === "Q30.a");
    expect(hidden?.paragraphs[0]).toMatch(/不予发布/);
    expect(hidden?.paragraphs.join("")).not.toMatch(/\d+\.\d%/);
  });
});
