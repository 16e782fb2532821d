// Lines that cannot be placed are reported with their numbers, never dropped; so are gaps the
// editor must fill (no category question), and the best survey is still returned.
import { expect, it } from "vitest";
import { parseSurvey } from "../../../surveys/format/parse-survey.ts";
import { importSurveyText } from "../../../surveys/format/text-import/import-text.ts";

const text = (...lines: string[]) => lines.join("\n");

it("reports junk lines by number and keeps everything else", () => {
  const { survey, problems } = importSurveyText(
    text(
      "xx县作风建设调查问卷", // 1
      "A．这行是选项，但还没有题目", // 2
      "1．您的身份是？", // 3
      "A．干部　B．群众", // 4
      "第 1 页 共 2 页", // 5
      "", // 6
      "2．您对窗口服务是否满意？", // 7
      "A．满意", // 8
      "B．不满意", // 9
      "（选“不满意”的请回答第3题）", // 10
      "3．不满意的主要原因是（可多选）", // 11
      "A．态度差 B．效率低", // 12
      "———————", // 13
    ),
  );
  expect(problems.map((p) => p.line)).toEqual([2, 5, 10, 13]);
  expect(problems[0]?.message).toContain("前面没有题目");
  expect(problems[1]?.message).toContain("无法归入");
  const questions = survey.sections.flatMap((s) => s.questions);
  expect(questions.map((q) => [q.code, q.kind])).toEqual([
    ["Q1", "single"],
    ["Q2", "single"],
    ["Q3", "multiple"],
  ]);
  expect(parseSurvey(survey, "pasted").ok).toBe(true);
});

it("asks the editor to mark a category question when none is found", () => {
  const { survey, problems } = importSurveyText(
    text("满意度调查", "1. 您对服务是否满意？", "A.满意 B.不满意 C.说不清"),
  );
  expect(problems).toEqual([{ line: 0, message: expect.stringContaining("请在编辑器中") }]);
  expect(survey.sections[0]?.questions).toHaveLength(1);
  expect(parseSurvey(survey, "pasted").ok).toBe(false);
});

it("marks only the first of two category-like questions, and says so at the second", () => {
  const { survey, problems } = importSurveyText(
    text("调查", "1. 您的身份是？", "A.干部 B.群众", "2. 您属于哪个年龄段？", "A.青年 B.老年"),
  );
  const [first, second] = survey.sections[0]?.questions ?? [];
  expect([
    first?.kind === "single" && first.category,
    second?.kind === "single" && second.category,
  ]).toEqual([true, undefined]);
  expect(problems).toEqual([{ line: 4, message: expect.stringContaining("第 2 行") }]);
});

it("explains a one-option question, a repeated letter, a maximum above the options, a skipped number", () => {
  const { survey, problems } = importSurveyText(
    text(
      "调查", // 1
      "1. 您的身份是？", // 2
      "A.干部 B.群众", // 3
      "2. 您是否满意？", // 4
      "A.满意", // 5
      "3. 主要问题有哪些？（最多选五项）", // 6
      "A.慢", // 7
      "B.乱", // 8
      "B.差", // 9
      "5. 其他问题？", // 10
      "______", // 11
    ),
  );
  expect(problems).toEqual([
    { line: 4, message: expect.stringContaining("只找到一个选项") },
    { line: 6, message: expect.stringContaining("只有 3 个选项") },
    { line: 9, message: expect.stringContaining("改为 C") },
    { line: 10, message: expect.stringContaining("从 3 跳到了 5") },
  ]);
  const q3 = survey.sections[0]?.questions[2];
  expect(q3?.kind === "multiple" && [q3.maxSelections, q3.options.map((o) => o.code)]).toEqual([
    undefined,
    ["A", "B", "C"],
  ]);
});

it("reads 第一部分 headings and a section's description, and drops an empty section with a problem", () => {
  const { survey, problems } = importSurveyText(
    text(
      "调查", // 1
      "第一部分 基本情况", // 2
      "本部分由所有人填写。", // 3
      "1、您的身份是？", // 4
      "A、干部 B、群众", // 5
      "第二部分 其他", // 6
    ),
  );
  expect(survey.sections).toMatchObject([
    { code: "S1", title: "第一部分 基本情况", description: "本部分由所有人填写。" },
  ]);
  expect(problems).toEqual([{ line: 6, message: expect.stringContaining("没有题目") }]);
});

it("wraps a question's text onto the next line, and tells short from long answers", () => {
  const { survey } = importSurveyText(
    text(
      "调查",
      "1. 您的身份是？",
      "A.干部 B.群众",
      "2.",
      "您最常去哪个窗口办事？",
      "_______________",
      "",
      "3. 您对改进作风有什么想法？",
      "____________________",
      "____________________",
      "",
      "4. 您希望增加哪项服务？________________________________________________________________",
    ),
  );
  expect(survey.sections[0]?.questions.slice(1).map((q) => [q.text, q.kind])).toEqual([
    ["您最常去哪个窗口办事？", "shortText"],
    ["您对改进作风有什么想法？", "longText"],
    ["您希望增加哪项服务？", "longText"],
  ]);
});

it("returns a titled, empty survey and one problem for text without questions", () => {
  const { survey, problems } = importSurveyText("只是一段话\n没有题目");
  expect(survey).toMatchObject({ title: "只是一段话", intro: "没有题目", sections: [] });
  expect(problems).toEqual([{ line: 0, message: expect.stringContaining("没有找到任何题目") }]);
});
