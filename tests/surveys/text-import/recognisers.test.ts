// The small recognisers one by one: widths, numbers, option markers, hints and flags.
import { describe, expect, it } from "vitest";
import { readLines, toHalfWidth } from "../../../surveys/format/text-import/lines.ts";
import {
  isSectionHeading,
  readNumber,
  readQuestionNumber,
} from "../../../surveys/format/text-import/numbering.ts";
import { readOptionFlags } from "../../../surveys/format/text-import/option-flags.ts";
import { readOptions, splitInlineOptions } from "../../../surveys/format/text-import/options.ts";
import { readChoiceHint } from "../../../surveys/format/text-import/question-hints.ts";

const line = (text: string) => {
  const [read] = readLines(text);
  if (!read) throw new Error("no line");
  return read;
};
const labels = (text: string) => readOptions(line(text))?.map((o) => [o.letter, o.text]);

it("maps full-width forms one to one, so offsets in the twin slice the typed line", () => {
  expect(toHalfWidth("Ａ．好　（１）：，？＿")).toBe("A.好 (1):,?_");
  const read = line("　　A．好　B．较好　");
  expect([read.text, read.norm]).toEqual(["A．好　B．较好", "A.好 B.较好"]);
});

it("reads Chinese numerals", () => {
  const cases = {
    三: 3,
    两: 2,
    十: 10,
    十二: 12,
    二十: 20,
    "3": 3,
    三三: undefined,
    多: undefined,
  };
  for (const [s, n] of Object.entries(cases)) expect([s, readNumber(s)]).toEqual([s, n]);
});

describe("numbering", () => {
  it.each(["一、基本情况", "二．总体评价", "第一部分 基本信息", "第3部分", "（四）社情民意"])(
    "section %s",
    (s) => expect(isSectionHeading(line(s))).toBe(true),
  );
  it.each(["一般干部", "1、您的身份", "A、一线教师"])("not a section: %s", (s) =>
    expect(isSectionHeading(line(s))).toBe(false),
  );
  it.each([
    ["1.您的身份是？", 1, "您的身份是？"],
    ["12、您认为", 12, "您认为"],
    ["3．如何？", 3, "如何？"],
    ["（4）是否满意", 4, "是否满意"],
    ["(5) 是否满意", 5, "是否满意"],
    ["6) 是否满意", 6, "是否满意"],
    ["第7题 是否满意", 7, "是否满意"],
    ["8.", 8, ""],
  ])("question %s", (s, n, rest) =>
    expect(readQuestionNumber(line(s))).toEqual({
      number: n,
      rest: { text: rest, norm: expect.any(String) },
    }),
  );
  it.each(["12388电话举报", "2.5小时以上", "A.好"])("not a question: %s", (s) =>
    expect(readQuestionNumber(line(s))).toBeUndefined(),
  );
});

describe("options", () => {
  it("reads every marker style, one per line", () => {
    for (const s of ["A.好", "A、好", "A．好", "A)好", "（A）好", "(a) 好"])
      expect(labels(s)).toEqual([["A", "好"]]);
  });
  it("splits several on one line, with or without (full-width) spaces, only in letter order", () => {
    expect(labels("A.好 B.较好 C.一般 D.不作评价")).toEqual([
      ["A", "好"],
      ["B", "较好"],
      ["C", "一般"],
      ["D", "不作评价"],
    ]);
    expect(labels("C．一线教师　　D．一线医生")).toEqual([
      ["C", "一线教师"],
      ["D", "一线医生"],
    ]);
    expect(labels("A.好B.较好")).toEqual([
      ["A", "好"],
      ["B", "较好"],
    ]);
    expect(labels("A.上传PDF.文件 B.纸质")).toEqual([
      ["A", "上传PDF.文件"],
      ["B", "纸质"],
    ]);
  });
  it("stops at Z: what follows is no letter", () => {
    expect(labels("Y.甲 Z.乙 [.丙")).toEqual([
      ["Y", "甲"],
      ["Z", "乙 [.丙"],
    ]);
  });
  it("reads □ and ○ marks without letters", () => {
    expect(labels("□好　□较好 □一般")).toEqual([
      [undefined, "好"],
      [undefined, "较好"],
      [undefined, "一般"],
    ]);
    expect(labels("○是 ○否")).toHaveLength(2);
  });
  it("takes options from the question's own line only when two or more follow", () => {
    const rest = (s: string) => ({ text: s, norm: toHalfWidth(s) });
    expect(splitInlineOptions(rest("您的性别 □男 □女")).options.map((o) => o.text)).toEqual([
      "男",
      "女",
    ]);
    expect(splitInlineOptions(rest("如何？A．好 B．差")).question.text).toBe("如何？");
    expect(splitInlineOptions(rest("您对A级景区是否满意？")).options).toEqual([]);
  });
});

describe("choice hints", () => {
  it.each([
    ["(可多选)", { multiple: true }],
    ["（多选）", { multiple: true }],
    ["（可多选，最多选三项）", { multiple: true, maxSelections: 3 }],
    ["(限选2项)", { multiple: true, maxSelections: 2 }],
    ["（最多选2项）", { multiple: true, maxSelections: 2 }],
    ["（限选两项）", { multiple: true, maxSelections: 2 }],
    ["（不超过五项）", { multiple: true, maxSelections: 5 }],
    ["（单选）", { multiple: false }],
    ["（只选一项）", { multiple: false }],
  ])("%s", (s, hint) => expect(readChoiceHint(toHalfWidth(`您认为哪些？${s}`))).toEqual(hint));
  it("says nothing for a plain question, even one asking what is most", () =>
    expect(readChoiceHint("您认为哪方面问题最多?")).toBeUndefined());
});

describe("option flags", () => {
  const flags = (s: string) => readOptionFlags(s, toHalfWidth(s));
  it("takes 其他 with a blank or 请注明 as the free-text option, dropping the blank", () => {
    expect(flags("其他（请注明）＿＿＿＿")).toEqual({
      label: "其他（请注明）",
      other: true,
      nonSubstantive: false,
    });
    expect(flags("其他:______")).toMatchObject({ label: "其他", other: true });
    expect(flags("其它：")).toMatchObject({ label: "其它", other: true });
    expect(flags("其他人员")).toMatchObject({ other: false });
  });
  it("takes whole-label non-answers only", () => {
    for (const s of ["说不清", "不作评价", "不了解", "不清楚。"])
      expect([s, flags(s).nonSubstantive]).toEqual([s, true]);
    expect(flags("不清楚反映渠道").nonSubstantive).toBe(false);
  });
});
