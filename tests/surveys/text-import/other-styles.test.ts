// Two questionnaires typed in other offices' styles read back in full: a hospital's (（1）, □ and ○
// marks, options on the question's line) and a school's (一、 sections, 1、 and A、, 限选2项, 意见).
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { parseSurvey } from "../../../surveys/format/parse-survey.ts";
import { importSurveyText } from "../../../surveys/format/text-import/import-text.ts";

const read = (name: string) =>
  importSurveyText(readFileSync(`tests/fixtures/questionnaires/${name}.txt`, "utf8"));

const SATISFACTION = ["满意", "比较满意", "一般", "不满意", "说不清"];
const opts = (labels: string[], flagged: Record<string, object> = {}) =>
  labels.map((label, i) => ({
    code: String.fromCharCode(65 + i),
    label,
    ...(flagged[label] ?? {}),
  }));
const NON = { nonSubstantive: true };
const OTHER = { other: true, otherMaxLength: 200 };

it("reads the patient satisfaction survey: （1） numbers, □ ○ marks, inline options", () => {
  const { survey, problems } = read("patient-satisfaction");
  expect(survey.title).toBe("xx县人民医院住院患者满意度调查表");
  expect(survey.intro).toBe(
    "尊敬的患者朋友：\n您好！为了解您对我院服务的评价，请您抽出几分钟填写本表。本表不记名，请在符合的选项前打“√”。",
  );
  const q = (code: string, text: string) => ({ code, text, required: true });
  const rating = (code: string, text: string, last = "说不清") => ({
    ...q(code, text),
    kind: "single",
    options: opts([...SATISFACTION.slice(0, 4), last], { [last]: NON }),
  });
  expect(survey.sections).toEqual([
    {
      code: "S1",
      title: "问卷题目",
      questions: [
        {
          ...q("Q1", "您属于以下哪类人员？"),
          kind: "single",
          category: true,
          options: opts(["住院患者本人", "患者家属", "陪护人员"]),
        },
        rating("Q2", "您对病房环境卫生是否满意？"),
        rating("Q3", "您对医生的诊疗服务是否满意？"),
        rating("Q4", "您对护士的护理服务是否满意？"),
        rating("Q5", "您对医院伙食是否满意？", "不清楚"),
        {
          ...q("Q6", "住院期间，医务人员有没有收受红包或吃请？"),
          kind: "single",
          options: opts(["有", "没有", "不了解"], { 不了解: NON }),
        },
        {
          ...q("Q7", "您是通过什么途径了解我院的？（多选）"),
          kind: "multiple",
          options: opts(["亲友介绍", "网络", "电视报纸", "其他"], { 其他: OTHER }),
        },
        {
          ...q("Q8", "您认为我院最需要改进的地方（最多选2项）"),
          kind: "multiple",
          maxSelections: 2,
          options: opts(["挂号缴费", "检查等候", "医患沟通", "收费透明", "出院手续"]),
        },
        {
          code: "Q9",
          text: "您对医院还有什么其他意见？",
          required: false,
          kind: "longText",
          maxLength: 2000,
        },
      ],
    },
  ]);
  expect(parseSurvey(survey, "pasted").ok).toBe(true);
  expect(problems).toEqual([{ line: 24, message: expect.stringContaining("结束语") }]);
});

it("reads the teachers' survey: 一、 sections, 1、 numbers, A、 options, 限选2项, an open 意见", () => {
  const { survey, problems } = read("teacher-survey");
  expect(problems).toEqual([]);
  expect(survey.title).toBe("xx县中小学教师工作负担情况调查问卷");
  expect(survey.intro).toMatch(/^各位老师：.*请如实填写。$/);
  const single = (code: string, text: string, labels: string[], flagged = {}) => ({
    code,
    text,
    required: true,
    kind: "single",
    options: opts(labels, flagged),
  });
  expect(survey.sections).toEqual([
    {
      code: "S1",
      title: "一、基本信息",
      questions: [
        {
          ...single("Q1", "您的身份类别是：", [
            "公办学校在编教师",
            "公办学校非在编教师",
            "民办学校教师",
            "学校中层及以上管理人员",
          ]),
          category: true,
        },
        single("Q2", "您任教的学段是：", ["小学", "初中", "高中"]),
        single("Q3", "您的教龄：", ["5年以下", "5-15年", "15年以上"]),
      ],
    },
    {
      code: "S2",
      title: "二、工作负担",
      questions: [
        single("Q4", "您平均每周在校工作时间约为多少小时？", [
          "40小时以下",
          "40-50小时",
          "50-60小时",
          "60小时以上",
        ]),
        {
          code: "Q5",
          text: "下列非教学任务中，哪些对您的教学工作影响最大？（限选2项）",
          required: true,
          kind: "multiple",
          maxSelections: 2,
          options: opts(
            [
              "各类检查评比",
              "填写报表和材料",
              "参加与教学无关的会议和培训",
              "社会事务进校园",
              "其他（请注明）",
            ],
            { "其他（请注明）": OTHER },
          ),
        },
        single(
          "Q6",
          "您认为当前教师工作负担总体情况如何？",
          ["很重", "较重", "适中", "较轻", "说不清"],
          {
            说不清: NON,
          },
        ),
        single(
          "Q7",
          "您所在学校开展教师减负工作以来，负担有没有减轻？",
          ["明显减轻", "略有减轻", "没有变化", "不了解"],
          { 不了解: NON },
        ),
      ],
    },
    {
      code: "S3",
      title: "三、意见建议",
      questions: [
        {
          code: "Q8",
          text: "您对减轻教师负担有什么意见和建议？",
          required: false,
          kind: "longText",
          maxLength: 2000,
        },
      ],
    },
  ]);
  expect(parseSurvey(survey, "pasted").ok).toBe(true);
});
