// Rating grids in the format: survey checks, answer rules per row, variables in row labels.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkAnswers, isAnswered } from "../../../surveys/format/answers.ts";
import { matrixRowKey } from "../../../surveys/format/matrix-answers.ts";
import { describeProblem } from "../../../surveys/format/messages.ts";
import { parseSurvey, parseSurveyText } from "../../../surveys/format/parse-survey.ts";
import { resolveSurvey } from "../../../surveys/format/resolve-survey.ts";
import type { Survey } from "../../../surveys/format/schema.ts";

const SCALE = [
  { code: "A", label: "好" },
  { code: "B", label: "较好" },
  { code: "C", label: "一般" },
  { code: "D", label: "不作评价", nonSubstantive: true },
];

function gridSurveyInput(grid: Record<string, unknown> = {}, extra: unknown[] = []) {
  return {
    id: "grid",
    title: "t",
    variables: { county: "xx县" },
    sections: [
      {
        code: "S",
        title: "s",
        questions: [
          {
            code: "Q1",
            kind: "single",
            text: "类别",
            required: true,
            category: true,
            options: [
              { code: "A", label: "甲" },
              { code: "B", label: "乙" },
            ],
          },
          {
            code: "Q20",
            kind: "matrix",
            text: "您如何评价{{county}}以下方面？",
            rows: [
              { code: "r1", label: "{{county}}政治生态", required: true },
              { code: "r2", label: "社会风气" },
              { code: "constructor", label: "营商环境" },
            ],
            options: SCALE,
            ...grid,
          },
          ...extra,
        ],
      },
    ],
  };
}

function gridSurvey(grid: Record<string, unknown> = {}): Survey {
  const parsed = parseSurvey(gridSurveyInput(grid), "grid.json");
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.survey;
}

const fieldsOf = (survey: Survey, answers: Record<string, unknown>, others = {}) =>
  // The checks take unknown shapes on purpose: they are the server's last word on hostile input.
  checkAnswers(survey, answers as never, others).map((p) => ({
    field: p.row === undefined ? `answers.${p.question}` : `answers.${p.question}.${p.row}`,
    rule: p.rule,
  }));

describe("a survey with a rating grid", () => {
  it("loads, and row labels get variables", () => {
    const survey = resolveSurvey(gridSurvey());
    const grid = survey.sections[0]?.questions[1];
    expect(grid?.kind === "matrix" && grid.rows[0]?.label).toBe("xx县政治生态");
    expect(grid?.text).toBe("您如何评价xx县以下方面？");
  });

  it("refuses duplicate rows, “other” in the scale, unknown variables in labels", () => {
    const parsed = parseSurvey(
      gridSurveyInput({
        rows: [
          { code: "r1", label: "a" },
          { code: "r1", label: "{{town}}" },
        ],
        options: [...SCALE.slice(0, 3), { code: "X", label: "其他", other: true }],
      }),
      "g.json",
    );
    expect(parsed.ok).toBe(false);
    const errors = parsed.ok ? [] : parsed.errors;
    expect(errors).toContain(
      'g.json: sections[0].questions[1].rows[1].code: duplicate row code "r1"',
    );
    expect(errors).toContain(
      "g.json: sections[0].questions[1].rows[1].label: unknown variable {{town}}: define it in variables",
    );
    expect(errors.some((e) => e.includes("options[3]") && e.includes("rating grid"))).toBe(true);
  });

  it("refuses display logic that follows a grid", () => {
    const follower = {
      code: "Q21",
      kind: "shortText",
      text: "为什么？",
      maxLength: 100,
      showIf: { question: "Q20", equals: "A" },
    };
    const parsed = parseSurvey(gridSurveyInput({}, [follower]), "g.json");
    expect(parsed.ok ? [] : parsed.errors).toEqual([
      'g.json: sections[0].questions[2].showIf.question: "Q20" is a rating grid: display logic may follow only a single or multiple choice question',
    ]);
  });

  it("derives row keys that no question code can equal", () => {
    expect(matrixRowKey("Q20", "r3")).toBe("Q20.r3");
    expect(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(matrixRowKey("Q20", "r3"))).toBe(false);
  });
});

describe("a grid's answer", () => {
  const survey = gridSurvey();

  it("is an object row → option; a good one passes", () => {
    expect(fieldsOf(survey, { Q1: "A", Q20: { r1: "A", r2: "D" } })).toEqual([]);
    expect(fieldsOf(survey, { Q1: "A", Q20: { r1: "B", r2: "", constructor: "C" } })).toEqual([]);
  });

  it("names the row of every problem", () => {
    expect(fieldsOf(survey, { Q1: "A", Q20: { r2: "Z", r9: "A", constructor: 5 } })).toEqual([
      { field: "answers.Q20.r2", rule: "notOffered" },
      { field: "answers.Q20.r9", rule: "unknownRow" },
      { field: "answers.Q20.constructor", rule: "wrongType" },
      { field: "answers.Q20.r1", rule: "required" },
    ]);
  });

  it("a required grid requires every row; an optional one none", () => {
    const required = gridSurvey({ required: true });
    expect(fieldsOf(required, { Q1: "A", Q20: { r1: "A" } })).toEqual([
      { field: "answers.Q20.r2", rule: "required" },
      { field: "answers.Q20.constructor", rule: "required" },
    ]);
    const optional = gridSurvey({
      rows: [
        { code: "r1", label: "a" },
        { code: "r2", label: "b" },
      ],
    });
    expect(fieldsOf(optional, { Q1: "A" })).toEqual([]);
  });

  it("refuses non-objects, too many keys and 其他 text, naming the grid", () => {
    expect(fieldsOf(survey, { Q1: "A", Q20: ["A", "B"] })).toEqual([
      { field: "answers.Q20", rule: "wrongType" },
    ]);
    expect(fieldsOf(survey, { Q1: "A", Q20: "A" })).toEqual([
      { field: "answers.Q20", rule: "wrongType" },
    ]);
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, "A"]));
    expect(fieldsOf(survey, { Q1: "A", Q20: many })).toEqual([
      { field: "answers.Q20", rule: "tooManyRows" },
    ]);
    expect(fieldsOf(survey, { Q1: "A", Q20: { r1: "A" } }, { Q20: "x" })).toEqual([
      { field: "answers.Q20", rule: "otherWithoutOption" },
    ]);
  });

  it("counts as answered once a row is, and says which row is missing", () => {
    expect(isAnswered({})).toBe(false);
    expect(isAnswered({ r1: "" })).toBe(false);
    expect(isAnswered({ r1: "A" })).toBe(true);
    expect(describeProblem({ question: "Q20", rule: "required", row: "r1" })).toBe(
      "这一行必须作答",
    );
  });
});

describe("the seed's grid variant (surveys/political-ecology_grid.json)", () => {
  const load = (file: string) => {
    const parsed = parseSurveyText(readFileSync(file, "utf8"), file);
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    return parsed.survey;
  };
  const plain = load("surveys/political-ecology.json");
  const grid = load("surveys/political-ecology_grid.json");

  it("asks section 二's evaluations as two grids whose rows keep the original codes", () => {
    const overall = grid.sections.find((s) => s.code === "overall")?.questions ?? [];
    expect(
      overall.map((q) => (q.kind === "matrix" ? [q.code, q.rows.map((r) => r.code)] : q.code)),
    ).toEqual([
      ["E1", ["Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8"]],
      ["E2", ["Q9", "Q10"]],
    ]);
    const scale = (q: Survey["sections"][number]["questions"][number] | undefined) =>
      q && "options" in q ? q.options : null;
    const byCode = new Map(plain.sections.flatMap((s) => s.questions).map((q) => [q.code, q]));
    expect(scale(overall[0])).toEqual(scale(byCode.get("Q2")));
    expect(scale(overall[1])).toEqual(scale(byCode.get("Q9")));
  });

  it("keeps every other question as in the plain seed, and both load side by side", () => {
    const rest = (s: Survey) =>
      s.sections.filter((x) => x.code !== "overall").flatMap((x) => x.questions);
    expect(rest(grid)).toEqual(rest(plain));
    expect([grid.id, plain.id]).toEqual(["political-ecology_grid", "political-ecology"]);
    expect(JSON.stringify(plain)).not.toMatch(/[\u4e00-\u9fff][?,:()]|[?,:()][\u4e00-\u9fff]/);
  });
});
