// The seed questionnaire, typed out as the office prints it, reads back as surveys/political-ecology.json.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { parseSurvey, parseSurveyText } from "../../../surveys/format/parse-survey.ts";
import { importSurveyText } from "../../../surveys/format/text-import/import-text.ts";
import { shapeOf } from "./questionnaire-shape.ts";

const typed = readFileSync("tests/fixtures/questionnaires/political-ecology.txt", "utf8");
const seedJson = readFileSync("surveys/political-ecology.json", "utf8");
const seed = parseSurveyText(seedJson, "seed");
if (!seed.ok) throw new Error(seed.errors.join("\n"));
const { survey, problems } = importSurveyText(typed);

it("reads all 28 questions with the seed's kinds, texts, labels, maxima and flags", () => {
  const questions = survey.sections.flatMap((s) => s.questions);
  expect(questions).toHaveLength(28);
  expect(questions.map((q) => q.code)).toEqual(questions.map((_q, i) => `Q${i + 1}`));
  // One deliberate difference: 不了解 is read as a non-answer (as the office asked); the seed
  // file leaves it unflagged. Everything else is exactly the seed's.
  const expected = shapeOf(seed.survey).map((section) => ({
    ...section,
    questions: section.questions.map((q) => ({
      ...q,
      options: q.options?.map((o) => (o.label === "不了解" ? { ...o, nonSubstantive: true } : o)),
    })),
  }));
  expect(shapeOf(survey)).toEqual(JSON.parse(JSON.stringify(expected)));
});

it("takes the title, the intro and the five sections, coded S1…S5", () => {
  expect(survey.title).toBe("xx县政治生态建设情况调查问卷");
  expect(survey.intro).toMatch(/^为了解xx县政治生态现状.*感谢您的支持！$/);
  expect(survey.sections.map((s) => [s.code, s.title])).toEqual([
    ["S1", "一、基本情况"],
    ["S2", "二、总体评价"],
    ["S3", "三、存在问题"],
    ["S4", "四、社情民意"],
    ["S5", "五、意见建议"],
  ]);
});

it("passes the survey schema and its cross-field checks as it is", () => {
  const checked = parseSurvey(survey, "pasted");
  expect(checked.ok ? [] : checked.errors).toEqual([]);
});

it("reports only the closing line, with its line number", () => {
  const lastLine = typed.trimEnd().split("\n").length;
  expect(problems).toEqual([{ line: lastLine, message: expect.stringContaining("结束语") }]);
});
