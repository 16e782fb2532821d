// Survey ⇄ .xlsx bytes: round trips through our writer and SheetJS, a file as WPS saves it,
// formulas read as values never evaluated, and hostile files refused cleanly under the limits.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readXlsx, SHEET_LIMITS } from "../../../../server/surveys/spreadsheet/read-xlsx.ts";
import { unzipXlsx } from "../../../../server/surveys/spreadsheet/safe-unzip.ts";
import { surveyToXlsx, xlsxToSurvey } from "../../../../server/surveys/spreadsheet/survey-xlsx.ts";
import { loadSurvey, SPREADSHEET_SURVEYS } from "../../../support/spreadsheet-surveys.ts";
import { handMadeXlsx, zipParts } from "../../../support/xlsx-by-hand.ts";

async function gridsOf(bytes: Buffer) {
  const read = await readXlsx(bytes);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.grids;
}

describe.each(SPREADSHEET_SURVEYS)("%s", (path) => {
  it("survives JSON → XLSX → JSON unchanged, and XLSX → JSON → XLSX gives the same cells", async () => {
    const survey = loadSurvey(path);
    const file = await surveyToXlsx(survey);
    const back = await xlsxToSurvey(file);
    expect(back.problems).toEqual([]);
    expect(back.survey).toEqual(survey);
    const again = await surveyToXlsx(back.survey ?? survey);
    expect(await gridsOf(again)).toEqual(await gridsOf(file));
  });
});

it("reads a file as WPS saves it: shared strings, Chinese headers, gaps, numbers as numbers", async () => {
  const file = await handMadeXlsx([
    {
      name: "问卷",
      rows: {
        1: ["题型", "题号", "题目", "必答", "选项表", "字数上限", "类别题"],
        3: ["部分", "s1", "基本情况"],
        4: ["单选", "Q1", "您的身份", "是", "who", null, "是"],
        7: ["填空", "Q2", "=不是公式", null, null, 50],
      },
    },
    {
      name: "选项",
      rows: { 1: ["选项表", "编码", "选项"], 2: ["who", "A", 10], 5: ["who", "B", "群众"] },
    },
    {
      name: "设置",
      rows: { 1: ["设置", "值"], 2: ["id", "wps"], 3: ["title", "WPS 存的"], 4: ["minBase", 6] },
    },
  ]);
  const result = await xlsxToSurvey(file);
  expect(result.problems).toEqual([]);
  expect(result.survey).toMatchObject({
    id: "wps",
    minBase: 6,
    sections: [
      {
        questions: [
          {
            code: "Q1",
            options: [
              { code: "A", label: "10" },
              { code: "B", label: "群众" },
            ],
          },
          { code: "Q2", text: "=不是公式", maxLength: 50 },
        ],
      },
    ],
  });
});

it("reads a formula's saved value and never evaluates it; an unsaved one reads as empty", async () => {
  const file = await handMadeXlsx([
    {
      name: "settings",
      rows: {
        1: ["key", "value"],
        2: ["id", { formula: 'CONCAT("a","b")', cached: "saved" }],
        3: ["title", { formula: "1+1" }],
      },
    },
  ]);
  const [grid] = await gridsOf(file);
  expect(grid?.rows).toEqual([["key", "value"], ["id", "saved"], ["title"]]);
});

it("writes text that starts with = as text: our file holds no formula at all", async () => {
  const file = await surveyToXlsx(
    loadSurvey("tests/fixtures/surveys/spreadsheet/every-field.json"),
  );
  const unzipped = unzipXlsx(file);
  if (!unzipped.ok) throw new Error(unzipped.message);
  const xml = [...unzipped.parts.values()].map((b) => b.toString()).join("");
  expect(xml).toContain("=公开透明");
  expect(xml).not.toMatch(/<f[ >]/);
});

describe("hostile files", () => {
  it("refuses a zip bomb before it inflates past the budget", async () => {
    // 64 MB of spaces deflates to about 64 KB: under the upload limit, far over the budget.
    const bomb = await zipParts([
      ["[Content_Types].xml", "<Types/>"],
      ["xl/workbook.xml", Buffer.alloc(64 * 1024 * 1024, 32)],
    ]);
    expect(bomb.length).toBeLessThan(256 * 1024);
    const before = process.memoryUsage().rss;
    const result = await readXlsx(bomb);
    expect(result).toEqual({
      ok: false,
      problems: [expect.objectContaining({ message: expect.stringContaining("超过 8 MB") })],
    });
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it("refuses more rows than the cap, naming the first row past it", async () => {
    const rows: Record<number, string[]> = { 1: ["key", "value"] };
    rows[SHEET_LIMITS.rows + 5] = ["id", "far"];
    const result = await readXlsx(await handMadeXlsx([{ name: "settings", rows }]));
    expect(result).toEqual({
      ok: false,
      problems: [expect.objectContaining({ sheet: "settings", row: SHEET_LIMITS.rows + 1 })],
    });
  });

  it("refuses content past the column cap", async () => {
    const wide = Array.from({ length: 26 }, (_, i) => `c${i}`);
    const file = await handMadeXlsx([{ name: "settings", rows: { 1: wide } }]);
    const capped = { ...SHEET_LIMITS };
    SHEET_LIMITS.columns = 20;
    try {
      const result = await readXlsx(file);
      expect(result.ok).toBe(false);
    } finally {
      Object.assign(SHEET_LIMITS, capped);
    }
  });

  it.each([
    ["not a zip", Buffer.from("id,title\nx,y\n")],
    ["a truncated zip", Buffer.alloc(0)],
    ["a zip without a workbook", null],
  ])("refuses %s with one message", async (_name, bytes) => {
    const file = bytes ?? (await zipParts([["hello.xml", "<x/>"]]));
    const result = await xlsxToSurvey(file);
    expect(result.survey).toBeNull();
    expect(result.problems).toEqual([
      expect.objectContaining({ sheet: "(文件)", message: expect.stringContaining("xlsx") }),
    ]);
  });

  it("keeps only the XML parts: a macro or image is never inflated or passed on", async () => {
    const good = await surveyToXlsx(
      loadSurvey("tests/fixtures/surveys/second/patient-satisfaction.json"),
    );
    const unzipped = unzipXlsx(good);
    if (!unzipped.ok) throw new Error(unzipped.message);
    const parts = [...unzipped.parts.entries()];
    const withMacro = await zipParts([...parts, ["xl/vbaProject.bin", deflateRawSync("x")]]);
    const reread = unzipXlsx(withMacro);
    expect(reread.ok && [...reread.parts.keys()].includes("xl/vbaProject.bin")).toBe(false);
    expect((await xlsxToSurvey(withMacro)).problems).toEqual([]);
  });
});

const soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find(existsSync);
// Under CI it must run (.ci/run installs libreoffice-calc-nogui); elsewhere it may be missing.
if (!soffice && process.env.CI === "true")
  throw new Error("CI must run the LibreOffice check: apt-get install libreoffice-calc-nogui");
it.skipIf(!soffice)(
  "opens in LibreOffice with the expected cells",
  async () => {
    const dir = mkdtempSync(join(tmpdir(), "survey-xlsx-"));
    const file = join(dir, "survey.xlsx");
    writeFileSync(file, await surveyToXlsx(loadSurvey("surveys/political-ecology.json")));
    execFileSync(
      soffice ?? "",
      [
        `-env:UserInstallation=file://${dir}/profile`,
        "--headless",
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76",
        "--outdir",
        dir,
        file,
      ],
      { stdio: "ignore", timeout: 60_000 },
    );
    const csv = readFileSync(join(dir, "survey.csv"), "utf8").split("\n");
    expect(csv[0]).toContain("题型 type,题号 code,题目 text");
    expect(csv[1]).toMatch(/^section,basic,一、基本情况/);
    expect(csv[2]).toMatch(/^single,Q1,您的身份是.,,是,Q1,,,,,是/);
  },
  90_000,
);

it("still reads the committed file the fuzz test uploads", async () => {
  const file = readFileSync("tests/fixtures/surveys/spreadsheet/patient-satisfaction.xlsx");
  const result = await xlsxToSurvey(file);
  expect(result.survey).toEqual(
    loadSurvey("tests/fixtures/surveys/second/patient-satisfaction.json"),
  );
});
