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
    setCell(grids, "survey", "R1", "权重 weight"); // unknown column
    setCell(grids, "survey", `S${role}`, "孤儿"); // a value under no header
    setCell(grids, "survey", "R3", "x");
    const rate = rowOf(grids, "survey", "rate");
    setCell(grids, "survey", `A${rate}`, "single"); // its matrixRow rows now follow a single
    const result = sheetsToSurvey(grids);
    const at = result.problems.map((p) => `${p.sheet}!${p.column}${p.row}`);
    expect(at).toEqual(
      expect.arrayContaining([
        `survey!I${role}`,
        "survey!R1",
        `survey!S${role}`,
        `survey!A${rate + 1}`,
      ]),
    );
  });

  it("names each bad index cell, in words, and keeps the index off the wrong question kinds", () => {
    const grids = base();
    const [role, often, rate, issues, which] = ["role", "often", "rate", "issues", "which"].map(
      (code) => rowOf(grids, "survey", code),
    );
    expect(sheet(grids, "survey").rows[0]?.slice(12)).toEqual([
      "指标名称 indexName",
      "指标方面 indexAspect",
      "计为正面的选项 indexPositive",
      "指标基数 indexBase",
    ]);
    setCell(grids, "survey", `O${which}`, "G,Z"); // Z is not on the question
    setCell(grids, "survey", `P${which}`, "一半"); // not valid / shown
    setCell(grids, "survey", `N${rate}`, "效率"); // a grid's rows name its aspects
    setCell(grids, "survey", `O${rate}`, "G、X"); // X is 不作评价
    setCell(grids, "survey", `M${often}`, "到访率");
    setCell(grids, "survey", `O${often}`, "Y，N"); // every substantive option: always 100%
    setCell(grids, "survey", `M${issues}`, "满意率"); // a multiple-choice question
    setCell(grids, "survey", `M${role}`, "认可率"); // the category question
    setCell(grids, "survey", `O${role}`, "A");
    const result = sheetsToSurvey(grids);
    expect(result.survey).toBeNull();
    const said = Object.fromEntries(
      result.problems.map((p) => [`${p.sheet}!${p.column}${p.row}`, p.message]),
    );
    expect(Object.keys(said)).toEqual([
      `survey!M${role}`,
      `survey!O${often}`,
      `survey!N${rate}`,
      `survey!O${rate}`,
      `survey!M${issues}`,
      `survey!O${which}`,
      `survey!P${which}`,
    ]);
    expect(said[`survey!O${which}`]).toBe("这道题的选项中没有编码“Z”：可填 G、M、P、X");
    expect(said[`survey!P${which}`]).toContain("valid（有效回答）或 shown（全部）");
    expect(said[`survey!N${rate}`]).toContain("矩阵题的各行以行文字命名");
    expect(said[`survey!O${rate}`]).toBe("X（不作评价）是不作评价类选项，不能计为正面");
    expect(said[`survey!O${often}`]).toContain("指标总是 100%");
    expect(said[`survey!M${issues}`]).toContain("指标只用于单选题和矩阵题");
    expect(said[`survey!M${role}`]).toContain("类别题");
  });

  it("reports a missing sheet as the whole sheet", () => {
    const grids = base().filter((g) => g.name !== "settings");
    const result = sheetsToSurvey(grids);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ sheet: "settings", row: null, column: null }),
    );
  });
});

it("reads index cells under either half of the header, with Chinese separators and words", () => {
  const grids: Grid[] = [
    {
      name: "问卷",
      rows: [
        [
          "题型",
          "题号",
          "题目",
          "必答",
          "选项表",
          "类别题",
          "指标名称",
          "index_positive",
          "指标基数",
        ],
        ["部分", "s1", "基本情况"],
        ["单选", "Q1", "您的身份", "是", "who", "是"],
        ["单选", "Q2", "风气如何", "是", "rate", null, "满意率", "A，B", "全部"],
      ],
    },
    {
      name: "选项",
      rows: [
        ["选项表", "编码", "选项", "不作评价"],
        ["who", "A", "干部"],
        ["who", "B", "群众"],
        ["rate", "A", "好"],
        ["rate", "B", "较好"],
        ["rate", "C", "差"],
        ["rate", "D", "说不清", "是"],
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
  expect(result.problems).toEqual([]);
  expect(result.survey?.sections[0]?.questions[1]).toMatchObject({
    code: "Q2",
    index: { name: "满意率", positive: ["A", "B"], base: "shown" },
  });
  expect(result.survey?.sections[0]?.questions[0]).not.toHaveProperty("index");
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
