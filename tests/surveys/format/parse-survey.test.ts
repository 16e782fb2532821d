// The survey format: what a valid file looks like and the precise errors an invalid one gets.
import { describe, expect, it } from "vitest";
import { parseSurvey, parseSurveyText } from "../../../surveys/format/parse-survey.ts";
import type { SurveyInput } from "../../../surveys/format/schema.ts";

function survey(overrides: Partial<SurveyInput> = {}): SurveyInput {
  return {
    id: "demo",
    title: "{{county}}问卷",
    variables: { county: "xx县" },
    sections: [
      {
        code: "S1",
        title: "基本情况",
        questions: [
          {
            code: "Q1",
            kind: "single",
            text: "您的身份是?",
            required: true,
            category: true,
            options: [
              { code: "A", label: "一般干部" },
              { code: "B", label: "普通群众" },
            ],
          },
          {
            code: "Q2",
            kind: "multiple",
            text: "主要问题",
            maxSelections: 2,
            options: [
              { code: "A", label: "甲" },
              { code: "B", label: "乙" },
              { code: "X", label: "其他（请注明）", other: true },
            ],
          },
          {
            code: "Q3",
            kind: "shortText",
            text: "建议",
            maxLength: 50,
            showIf: { question: "Q2", includes: "X" },
          },
        ],
      },
    ],
    ...overrides,
  };
}

const errorsOf = (raw: unknown) => {
  const result = parseSurvey(raw, "surveys/x.json");
  return result.ok ? [] : result.errors;
};

describe("parseSurvey", () => {
  it("accepts a valid survey and fills defaults", () => {
    const result = parseSurvey(survey(), "surveys/x.json");
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.survey.sections[0]?.questions[1]?.required).toBe(false);
  });

  it("names the file, the JSON path and the reason for a duplicate option code", () => {
    const raw = survey();
    const q2 = raw.sections[0]?.questions[1];
    if (q2?.kind !== "multiple") throw new Error("fixture changed");
    q2.options[2] = { code: "B", label: "丙" };
    expect(errorsOf(raw)).toContain(
      'surveys/x.json: sections[0].questions[1].options[2].code: duplicate code "B"',
    );
  });

  it("refuses a duplicate question code", () => {
    const raw = survey();
    const q3 = raw.sections[0]?.questions[2];
    if (q3) q3.code = "Q1";
    expect(errorsOf(raw)).toContain(
      'surveys/x.json: sections[0].questions[2].code: duplicate code "Q1"',
    );
  });

  it("requires exactly one category question", () => {
    const none = survey();
    const q1 = none.sections[0]?.questions[0];
    if (q1?.kind === "single") q1.category = false;
    expect(errorsOf(none).join("\n")).toMatch(/no question is marked category/);

    const two = survey();
    two.sections.push({
      code: "S2",
      title: "再次",
      questions: [
        {
          code: "Q9",
          kind: "single",
          text: "?",
          required: true,
          category: true,
          options: [
            { code: "A", label: "a" },
            { code: "B", label: "b" },
          ],
        },
      ],
    });
    expect(errorsOf(two)).toContain(
      "surveys/x.json: sections[1].questions[0].category: a second category question: exactly one is allowed",
    );
  });

  it("checks display logic against earlier questions and their options", () => {
    const later = survey();
    const q3 = later.sections[0]?.questions[2];
    if (q3) q3.showIf = { question: "Q9", includes: "A" };
    expect(errorsOf(later)).toContain(
      'surveys/x.json: sections[0].questions[2].showIf.question: "Q9" is not an earlier question',
    );

    const wrongOp = survey();
    const q = wrongOp.sections[0]?.questions[2];
    if (q) q.showIf = { question: "Q2", equals: "X" };
    expect(errorsOf(wrongOp)).toContain(
      'surveys/x.json: sections[0].questions[2].showIf: "Q2" is multiple choice: use includes',
    );

    const badValue = survey();
    const r = badValue.sections[0]?.questions[2];
    if (r) r.showIf = { question: "Q2", includes: "Z" };
    expect(errorsOf(badValue)).toContain(
      'surveys/x.json: sections[0].questions[2].showIf: "Z" is not an option of "Q2"',
    );
  });

  it("refuses unknown fields, bad kinds, missing limits and undefined variables", () => {
    expect(errorsOf({ ...survey(), colour: "red" }).join("\n")).toMatch(
      /surveys\/x.json: \(root\): .*colour/,
    );
    const noMax = survey();
    const q3 = noMax.sections[0]?.questions[2] as Record<string, unknown>;
    delete q3.maxLength;
    expect(errorsOf(noMax).join("\n")).toMatch(/sections\[0\]\.questions\[2\]\.maxLength/);
    expect(errorsOf(survey({ title: "{{city}}问卷" }))).toContain(
      "surveys/x.json: title: unknown variable {{city}}: define it in variables",
    );
  });

  it("refuses min/max selections that cannot be met", () => {
    const raw = survey();
    const q2 = raw.sections[0]?.questions[1];
    if (q2?.kind === "multiple") {
      q2.maxSelections = 5;
      q2.minSelections = 6;
    }
    const errors = errorsOf(raw);
    expect(errors).toContain(
      "surveys/x.json: sections[0].questions[1].maxSelections: is 5 but the question has 3 options",
    );
    expect(errors).toContain(
      "surveys/x.json: sections[0].questions[1].minSelections: is 6, above maxSelections 5",
    );
  });

  it("reports broken JSON with the file name", () => {
    const result = parseSurveyText("{ not json", "surveys/broken.json");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/^surveys\/broken.json: not valid JSON/);
  });
});
