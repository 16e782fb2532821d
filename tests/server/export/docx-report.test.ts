// The Word report reads back with the sentences, the tables and "<5"; hidden groups show no number.
import mammoth from "mammoth";
import { beforeAll, describe, expect, it } from "vitest";
import { buildDocxReport } from "../../../server/export/docx-report.ts";
import { buildExportInput } from "./tabulation-fixture.ts";

let text: string;
beforeAll(async () => {
  const buffer = await buildDocxReport(buildExportInput());
  text = (await mammoth.extractRawText({ buffer })).value;
});

describe("buildDocxReport", () => {
  it("has the title, the method and the section headings", () => {
    expect(text).toContain("xx县政治生态建设情况调查问卷");
    expect(text).toContain("调查说明");
    expect(text).toContain("共 38 份有效回答");
    expect(text).toContain("二、总体评价");
    expect(text).toContain("五、意见建议");
  });

  it("has the narrative sentences with the fixture's figures", () => {
    expect(text).toContain("选择“好”的占 42.1%，“较好”的占 31.6%");
    expect(text).toContain("（不含“不作评价”，选择“好”的占 47.1%");
    expect(text).toContain("其中，企业负责人（n=23）中，选择“好”的占 43.5%");
    expect(text).toContain(
      "52.6% 的被调查者认为“形式主义、官僚主义问题突出”是当前xx县政治生态建设存在的主要问题。",
    );
    expect(text).toContain("共收到 4 条文字回答");
  });

  it("prints the banner table after the sentences, with <5 for hidden figures", () => {
    const sentence = text.indexOf("在“您认为当前xx县政治生态如何？”的选项中");
    const table = text.indexOf("16（42.1%）");
    expect(sentence).toBeGreaterThan(-1);
    expect(table).toBeGreaterThan(sentence);
    expect(text).toContain("一般干部（人数少于5，不显示）");
    expect(text).toContain("普通群众（为保护其他组而不显示）");
    expect(text).toContain("<5");
  });

  it("names hidden groups as not published and never prints a number for them", () => {
    expect(text).toContain("一般干部：回答人数少于 5 人，按规定不予发布。");
    expect(text).toContain("普通群众：为避免通过相减推算出人数较少组别的结果，按规定不予发布。");
    const mentions = text.split("\n").filter((line) => /一般干部|普通群众/.test(line));
    expect(mentions.length).toBeGreaterThan(4);
    for (const line of mentions) {
      // "5" appears only as k itself: "<5" or "少于 5 人".
      expect(line.replace(/<5|少于 ?5 ?人?/g, ""), line).not.toMatch(/\d/);
    }
  });

  it("keeps a respondent's markup and formula-like text as plain text", () => {
    expect(text).toContain("<script>alert(1)</script>");
    expect(text).toContain('=HYPERLINK("http://evil.example","x")');
  });
});
