// The pure survey ⇄ sheets mapping: identity both ways, and every bad cell reported where WPS
// shows it (survey!C7), with no survey returned while any problem remains.
import { describe, expect, it } from "vitest";
import type { CellValue, Grid } from "../../../../surveys/format/spreadsheet/columns.ts";
import { sheetsToSurvey } from "../../../../surveys/format/spreadsheet/sheets-to-survey.ts";
import { surveyToSheets } from "../../../../surveys/format/spreadsheet/survey-to-sheets.ts";
import { loadSurvey, SPREADSHEET_SURVEYS } from "../../../support/spreadsheet-surveys.ts";

const clone = (grids: Grid[]): Grid[] => structuredClone(grids);
const sheet = (grids: Grid[], name: string) => {
  const found = grids.find((g) => g.name === name);
  if (!found) throw new Error(name);
  return found;
};
/** Row `row` (1-based), column letter `column` set to `value`. */
function setCell(grids: Grid[], name: string, ref: string, value: CellValue) {
  const [, letters = "", digits = ""] = /^([A-Z]+)(\d+)$/.exec(ref) ?? [];
  const rows = sheet(grids, name).rows;
  const r = Number(digits) - 1;
  while (rows.length <= r) rows.push([]);
  const row = rows[r] ?? [];
  const c = letters.charCodeAt(0) - 65;
  while (row.length <= c) row.push(null);
  row[c] = value;
  rows[r] = row;
}
const rowOf = (grids: Grid[], name: string, code: string) =>
  sheet(grids, name).rows.findIndex((row) => row[1] === code) + 1;

describe.each(SPREADSHEET_SURVEYS)("%s", (path) => {
  it("survives survey → sheets → survey unchanged, and sheets → survey → sheets too", () => {
    const survey = loadSurvey(path);
    const grids = surveyToSheets(survey);
    const back = sheetsToSurvey(grids);
    expect(back.problems).toEqual([]);
    expect(back.survey).toEqual(survey);
    expect(back.survey && surveyToSheets(back.survey)).toEqual(grids);
  });
});

it("shares one choices list between questions with the same scale", () => {
  const grids = surveyToSheets(loadSurvey("tests/fixtures/surveys/spreadsheet/every-field.json"));
  const survey = sheet(grids, "survey").rows;
  expect(survey.find((r) => r[1] === "which")?.[5]).toBe("rate");
  expect(sheet(grids, "choices").rows.filter((r) => r[0] === "which")).toEqual([]);
});

describe("bad cells, each at its position", () => {
  const base = () =>
    clone(surveyToSheets(loadSurvey("tests/fixtures/surveys/spreadsheet/every-field.json")));

  it("names sheet, row and column, and returns no survey", () => {
    const grids = base();
    const issues = rowOf(grids, "survey", "issues");
    const rate = rowOf(grids, "survey", "rate");
    setCell(grids, "survey", `A${rate - 1}`, "单选题吧"); // unknown type
    setCell(grids, "survey", `H${issues}`, "两项"); // max: not a whole number
    setCell(grids, "survey", `E${issues}`, "也许"); // required: not yes/no
    setCell(grids, "survey", `J${issues + 1}`, "issues 包括 I2"); // showIf syntax
    setCell(grids, "survey", `F${issues - 0}`, "nope"); // unknown list
    setCell(grids, "choices", "B3", "1bad"); // option code: schema, mapped back
    setCell(grids, "settings", "B5", "xx"); // minBase (row 5) not a number
    const result = sheetsToSurvey(grids);
    expect(result.survey).toBeNull();
    const at = result.problems.map((p) => `${p.sheet}!${p.column}${p.row}`);
    expect(at).toEqual([
      `survey!A${rate - 1}`,
      `survey!E${issues}`,
      `survey!F${issues}`,
      `survey!H${issues}`,
      `survey!J${issues + 1}`,
      "choices!B3",
      "settings!B5",
    ]);
    expect(result.problems[0]?.message).toContain("未知题型");
    expect(result.problems.find((p) => p.column === "H")?.message).toContain("整数");
  });

  it("maps the survey checks (duplicate codes, a later question in showIf) to their cells", () => {
    const grids = base();
    const often = rowOf(grids, "survey", "often");
    setCell(grids, "survey", `B${often}`, "role"); // duplicate question code
    const say = rowOf(grids, "survey", "say");
    setCell(grids, "survey", `J${say}`, "more includes I9"); // not an earlier question
    const result = sheetsToSurvey(grids);
    const at = result.problems.map((p) => `${p.sheet}!${p.column}${p.row}`);
    expect(at).toContain(`survey!B${often}`);
    expect(at).toContain(`survey!J${say}`);
  });

  it("refuses what it would otherwise drop: cells a row type does not use, unknown headers, orphans", () => {
    const grids = base();
    const role = rowOf(grids, "survey", "role");
    setCell(grids, "survey", `I${role}`, 30); // maxLength on a single question
    setCell(grids, "survey", "M1", "权重 weight"); // unknown column
    setCell(grids, "survey", `N${role}`, "孤儿"); // a value under no header
    setCell(grids, "survey", "M3", "x");
    const rate = rowOf(grids, "survey", "rate");
    setCell(grids, "survey", `A${rate}`, "single"); // its matrixRow rows now follow a single
    const result = sheetsToSurvey(grids);
    const at = result.problems.map((p) => `${p.sheet}!${p.column}${p.row}`);
    expect(at).toEqual(
      expect.arrayContaining([
        `survey!I${role}`,
        "survey!M1",
        `survey!N${role}`,
        `survey!A${rate + 1}`,
      ]),
    );
  });

  it("reports a missing sheet as the whole sheet", () => {
    const grids = base().filter((g) => g.name !== "settings");
    const result = sheetsToSurvey(grids);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ sheet: "settings", row: null, column: null }),
    );
  });
});

it("reads Chinese headers and values, a label row under English keys, blank rows and notes", () => {
  const grids: Grid[] = [
    {
      name: "问卷",
      rows: [
        ["type", "code", "text", "required", "list", "category", "备注"],
        ["题型", "题号", "题目", "必答", "选项表", "类别题", null],
        [],
        ["部分", "s1", "基本情况"],
        ["单选", "Q1", "您的身份", "是", "who", "是", "给自己看的"],
        [null, null, null, null, null, null, "只有备注的行"],
        ["填空", "Q2", "建议"],
      ],
    },
    {
      name: "选项",
      rows: [
        ["选项表", "编码", "选项"],
        ["who", "A", 1],
        ["who", "B", "群众"],
      ],
    },
    {
      name: "设置",
      rows: [
        ["设置", "值"],
        ["id", "hand"],
        ["title", "手写的问卷"],
      ],
    },
  ];
  const result = sheetsToSurvey(grids);
  // Q2 has no maxLength: reported at its row, in the maxLength column, which this sheet lacks.
  expect(result.problems).toEqual([
    expect.objectContaining({ sheet: "问卷", row: 7, column: null }),
  ]);
  grids[0]?.rows[0]?.push("maxLength");
  grids[0]?.rows[6]?.push(null, null, null, null, 50);
  const fixed = sheetsToSurvey(grids);
  expect(fixed.problems).toEqual([]);
  expect(fixed.survey?.sections[0]?.questions[0]).toMatchObject({
    kind: "single",
    required: true,
    category: true,
    options: [
      { code: "A", label: "1" },
      { code: "B", label: "群众" },
    ],
  });
});
