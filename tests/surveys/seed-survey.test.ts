// The seed questionnaire (county political ecology) must parse, resolve and match its source report.
import { readFileSync } from "node:fs";
import { assert, describe, expect, it } from "vitest";
import { findCategoryQuestion, listQuestions } from "../../surveys/format/answers.ts";
import { parseSurveyText } from "../../surveys/format/parse-survey.ts";
import { resolveSurvey } from "../../surveys/format/resolve-survey.ts";
import { surveyForRespondents } from "../../surveys/format/respondent-view.ts";
import type { ChoiceQuestion, Question, Survey } from "../../surveys/format/schema.ts";

const SOURCE = "surveys/political-ecology.json";
const text = readFileSync(new URL("../../surveys/political-ecology.json", import.meta.url), "utf8");

function load(): Survey {
  const result = parseSurveyText(text, SOURCE);
  if (!result.ok) assert.fail(`${SOURCE} does not parse:\n${result.errors.join("\n")}`);
  return result.survey;
}

function isChoice(q: Question): q is ChoiceQuestion {
  return q.kind === "single" || q.kind === "multiple";
}

function choice(q: Question | undefined, what: string): ChoiceQuestion {
  if (!q || !isChoice(q)) assert.fail(`${what}: no such choice question`);
  return q;
}

const labels = (q: ChoiceQuestion) => q.options.map((o) => o.label);

const evaluationTexts = (county: string) => [
  `您认为当前${county}政治生态如何？`,
  `您如何看待${county}政治生态建设的前景？`,
  `您认为当前${county}在落实“两个维护”，强化“四个意识”上做得如何？`,
  `您认为当前${county}选人用人风气如何？`,
  `您认为当前${county}社会风气如何？`,
  `您认为当前${county}政治文化建设如何？`,
  `您认为当前${county}党员干部队伍整体廉洁状况如何？`,
];

const CATEGORY_LABELS = [
  "乡镇（场）班子成员",
  "县委各部门班子成员",
  "县直各单位班子成员",
  "一般干部",
  "人大代表",
  "政协委员",
  "一线教师",
  "一线医生",
  "村（社区）干部",
  "普通群众",
  "企业负责人",
];

const MULTIPLE_CHOICE: { contains: string; options: string[] }[] = [
  {
    contains: "当前xx县政治生态建设存在的主要问题",
    options: [
      "政治意识不强，贯彻落实党的路线方针政策不到位",
      "选人用人导向不正，风气不好",
      "党内政治生活随意化、平淡化、庸俗化",
      "腐败现象比较严重",
    ],
  },
  {
    contains: "影响或破坏一个地方政治生态最主要的因素",
    options: ["责任传导不到位，管党治党宽松软", "选人用人导向不正确", "执行党内生活各项制度不严"],
  },
  {
    contains: "以下哪些问题在xx县表现较为突出",
    options: [
      "苏荣以权谋私、腐化堕落的余毒",
      "违规发放津补贴、同城吃请、私车公养等违反中央八项规定精神时有发生",
    ],
  },
];

/** Every text a respondent reads. */
function allTexts(survey: Survey): string[] {
  return [
    survey.title,
    survey.intro ?? "",
    ...survey.sections.flatMap((s) => [
      s.title,
      s.description ?? "",
      ...s.questions.flatMap((q) => [q.text, q.help ?? "", ...(isChoice(q) ? labels(q) : [])]),
    ]),
  ];
}

describe("seed survey: political-ecology", () => {
  const survey = load();
  const resolved = resolveSurvey(survey);
  const questions = listQuestions(resolved);
  const findQuestion = (test: (q: Question) => boolean) => questions.find(test);

  it("has the expected identity and the county variable", () => {
    expect(survey.id).toBe("political-ecology");
    expect(survey.variables.county).toBe("xx县");
    expect(survey.sections.length).toBeGreaterThan(1);
    for (const section of resolved.sections) expect(section.title.trim()).not.toBe("");
  });

  it("has exactly 28 questions coded Q1..Q28 in order, options coded A, B, C… (其他 may be X)", () => {
    expect(questions).toHaveLength(28);
    expect(questions.map((q) => q.code)).toEqual(Array.from({ length: 28 }, (_, i) => `Q${i + 1}`));
    for (const q of questions.filter(isChoice)) {
      q.options.forEach((o, i) => {
        const expected = String.fromCharCode(65 + i);
        if (o.other) expect([expected, "X"], `${q.code} ${o.label}`).toContain(o.code);
        else expect(o.code, `${q.code} ${o.label}`).toBe(expected);
      });
    }
  });

  it("uses Q1 as the category question with the 11 respondent groups in order", () => {
    const category = choice(findCategoryQuestion(resolved), "category question");
    expect(category.code).toBe("Q1");
    expect(category.kind).toBe("single");
    expect(category.required).toBe(true);
    expect(category.showIf).toBeUndefined();
    expect(labels(category)).toEqual(CATEGORY_LABELS);
  });

  it("asks the seven evaluation questions verbatim on the 好/较好/一般/不作评价 scale", () => {
    for (const wanted of evaluationTexts("xx县")) {
      const q = choice(
        findQuestion((x) => x.text === wanted),
        wanted,
      );
      expect(q.kind, wanted).toBe("single");
      expect(q.required, wanted).toBe(true);
      expect(labels(q), wanted).toEqual(["好", "较好", "一般", "不作评价"]);
      expect(
        q.options.filter((o) => o.nonSubstantive).map((o) => o.label),
        wanted,
      ).toEqual(["不作评价"]);
    }
  });

  it("asks the three multiple-choice questions with the options quoted in the report", () => {
    for (const { contains, options } of MULTIPLE_CHOICE) {
      const q = choice(
        findQuestion((x) => x.text.includes(contains)),
        contains,
      );
      expect(q.kind, contains).toBe("multiple");
      for (const label of options) expect(labels(q), contains).toContain(label);
      const others = q.options.filter((o) => o.other);
      expect(others, contains).toHaveLength(1);
      expect(others[0]?.label).toBe("其他（请注明）");
      if (q.kind === "multiple") {
        expect(q.maxSelections, contains).toBeGreaterThanOrEqual(2);
        expect(q.minSelections ?? 1, contains).toBe(1);
      }
    }
  });

  it("has optional short-answer questions and display logic", () => {
    const texts = questions.filter((q) => q.kind === "shortText" || q.kind === "longText");
    expect(texts.length).toBeGreaterThanOrEqual(1);
    for (const q of texts) expect(q.required, q.code).toBe(false);
    expect(questions.filter((q) => q.showIf).length).toBeGreaterThanOrEqual(2);
  });

  it("stays small enough for a phone download (< 12 KiB as served, minified)", () => {
    const served = surveyForRespondents(resolved);
    expect(Buffer.byteLength(JSON.stringify(served), "utf8")).toBeLessThan(12 * 1024);
    // Report-only settings stay on the server.
    expect(JSON.stringify(served)).not.toContain("reportPhrase");
    expect(JSON.stringify(resolved)).toContain("reportPhrase");
  });

  it("leaves no {{variable}} unresolved", () => {
    for (const t of allTexts(resolved)) expect(t).not.toContain("{{");
  });

  it("substitutes the county: another county name changes the evaluation texts", () => {
    const other = resolveSurvey({
      ...survey,
      variables: { ...survey.variables, county: "铜鼓县" },
    });
    const otherTexts = listQuestions(other).map((q) => q.text);
    for (const wanted of evaluationTexts("铜鼓县")) expect(otherTexts).toContain(wanted);
    for (const t of allTexts(other)) expect(t).not.toContain("xx县");
  });
});
