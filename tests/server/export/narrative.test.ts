// The report's sentences: every option in order, groups prefixed, hidden groups named, never estimated.
import { describe, expect, it } from "vitest";
import { buildNarrative } from "../../../server/export/narrative.ts";
import { buildReportTable } from "../../../server/export/report-table.ts";
import { TabulationSchema } from "../../../server/tabulate/results-schemas.ts";
import { buildExportInput, buildTabulation } from "./tabulation-fixture.ts";

const input = buildExportInput();
const narrative = buildNarrative(input);
const question = (code: string) => {
  const found = narrative.sections.flatMap((s) => s.questions).find((q) => q.code === code);
  if (!found) throw new Error(`no ${code}`);
  return found;
};

describe("buildNarrative", () => {
  it("reads a fixture that is a valid Tabulation", () => {
    expect(TabulationSchema.safeParse(input.tabulation).success).toBe(true);
  });

  it("groups questions under the survey's section titles, in order", () => {
    expect(narrative.sections.map((s) => s.title)).toEqual([
      "二、总体评价",
      "三、存在问题",
      "五、意见建议",
    ]);
  });

  it("describes a single-choice question for 全体 then each column", () => {
    const [total, shown, small, complementary] = question("Q2").paragraphs;
    expect(total).toBe(
      "在“您认为当前xx县政治生态如何？”的选项中，选择“好”的占 42.1%，“较好”的占 31.6%，“一般”的占 15.8%，“不作评价”的占 10.5%（不含“不作评价”，选择“好”的占 47.1%，“较好”的占 35.3%，“一般”的占 17.6%）。",
    );
    expect(shown).toMatch(/^其中，企业负责人（n=23）中，选择“好”的占 43\.5%，/);
    expect(small).toBe("一般干部：回答人数少于 5 人，按规定不予发布。");
    expect(complementary).toBe(
      "普通群众：为避免通过相减推算出人数较少组别的结果，按规定不予发布。",
    );
    expect(question("Q2").table?.code).toBe("Q2");
  });

  it("writes one sentence per option of a multiple-choice question, with its report phrase", () => {
    const [total, shown] = question("Q11").paragraphs;
    expect(total).toContain(
      "31.6% 的被调查者认为“政治意识不强，贯彻落实党的路线方针政策不到位”是当前xx县政治生态建设存在的主要问题。",
    );
    expect(total).toContain("7.9% 的被调查者认为“其他”是当前xx县政治生态建设存在的主要问题。");
    expect(total?.match(/的被调查者/g)).toHaveLength(8);
    expect(shown).toMatch(/^其中，企业负责人（n=23）中，26\.1% 的被调查者认为/);
    expect(shown).toContain(
      "认为“其他”是当前xx县政治生态建设存在的主要问题的被调查者比例按规定不予发布。",
    );
  });

  it("nests quotes the Chinese way and mentions non-answers when there are some", () => {
    expect(question("Q11").paragraphs[0]).toContain(
      "18.4% 的被调查者认为“‘四风’问题隐形变异，时有反弹”是当前xx县政治生态建设存在的主要问题。",
    );
    const tabulation = buildTabulation(input.survey);
    const q2 = tabulation.questions[0]!;
    const cell = (count: number, base: number) => ({
      count,
      percent: count / base,
      ci: null,
      validPercent: null,
    });
    const missing = { count: null, percent: null, ci: null, validPercent: null };
    q2.rows.push({
      key: "_unanswered",
      label: "未作答",
      kind: "unanswered",
      nonSubstantive: false,
      other: false,
      hidden: null,
      cells: [cell(1, 38), cell(0, 23), missing, missing],
    });
    const [total, shown] = buildNarrative({ ...input, tabulation }).sections[0]!.questions[0]!
      .paragraphs;
    expect(total).toContain("“不作评价”的占 10.5%，未作答的占 2.6%（不含");
    expect(shown).not.toContain("未作答");
  });

  it("falls back to the question text when a multiple-choice question has no report phrase", () => {
    const survey = structuredClone(input.survey);
    for (const q of survey.sections.flatMap((s) => s.questions))
      if (q.kind === "multiple") delete q.reportPhrase;
    const plain = buildNarrative({ ...input, survey, tabulation: buildTabulation(survey) });
    const q11 = plain.sections.flatMap((s) => s.questions).find((q) => q.code === "Q11");
    expect(q11?.paragraphs[0]).toContain(
      "7.9% 的被调查者在“您认为当前xx县政治生态建设存在的主要问题有哪些？（可多选，最多选三项）”中选择了“其他”。",
    );
  });

  it("counts text answers and names the top keywords", () => {
    const q27 = question("Q27");
    expect(q27.paragraphs).toEqual([
      "“您认为xx县政治生态建设中最需要解决的一个问题是什么？”共收到 4 条文字回答，出现较多的词语有：“作风”（3 次）、“形式主义”（1 次）。",
    ]);
    expect(q27.table).toBeNull();
    expect(q27.texts?.group.texts).toHaveLength(3);
  });

  it("explains the method: sample, dates, k and the notes", () => {
    const method = narrative.method.join("\n");
    expect(method).toContain("共 38 份有效回答，回答日期为 2026-11-02 至 2026-11-20");
    expect(method).toContain("回答人数少于 5 人的组别");
    expect(method).toContain("“一般干部”回答人数少于 5 人，该列不予显示。");
  });
});

describe("buildReportTable", () => {
  it("prints counts with shares, and <5 for every hidden figure", () => {
    const table = buildReportTable(input.tabulation.questions[0]!, input.tabulation);
    expect(table.head).toEqual([
      "选项",
      "全体（n=38）",
      "企业负责人（n=23）",
      "一般干部（人数少于5，不显示）",
      "普通群众（为保护其他组而不显示）",
    ]);
    expect(table.body[0]).toEqual(["好", "16（42.1%）", "10（43.5%）", "<5", "不显示"]);
    expect(table.foot).toEqual([["基数", "38", "23", "<5", "不显示"]]);
  });
});
