// The CSV download: BOM, RFC 4180 with CRLF, long format, "<5" for hidden, formulas defused.
import { beforeAll, describe, expect, it } from "vitest";
import { CSV_HEADER, writeCsv } from "../../../server/export/csv-table.ts";
import { collect, parseCsv } from "./read-back.ts";
import { AT_FORMULA, AWKWARD, buildExportInput, HYPERLINK } from "./tabulation-fixture.ts";

let bytes: Buffer;
let records: string[][];
beforeAll(async () => {
  bytes = await collect((out) => writeCsv(buildExportInput(), out));
  records = parseCsv(bytes.subarray(3).toString("utf8"));
});

const find = (code: string, row: string, column: string) =>
  records.filter((r) => r[0] === code && r[2] === row && r[3] === column);

describe("writeCsv", () => {
  it("starts with a UTF-8 BOM and the header, and every record has every field", () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(records[0]).toEqual(CSV_HEADER);
    for (const record of records) expect(record).toHaveLength(CSV_HEADER.length);
  });

  it("has one record per question, row and column, shares in percent with one decimal", () => {
    expect(find("Q2", "好", "全体")).toEqual([
      ["Q2", "您认为当前xx县政治生态如何？", "好", "全体", "38", "16", "42.1", "34", "47.1", ""],
    ]);
    expect(find("Q2", "不作评价", "企业负责人")[0]?.slice(4)).toEqual([
      "23",
      "2",
      "8.7",
      "21",
      "",
      "",
    ]);
    expect(records.filter((r) => r[0] === "Q2" && r[2] !== "说明")).toHaveLength(4 * 4);
  });

  it("prints <5 for every figure of a hidden column and for a suppressed cell", () => {
    expect(find("Q2", "好", "一般干部")[0]?.slice(4, 9)).toEqual(["<5", "<5", "<5", "<5", "<5"]);
    expect(find("Q11", "其他（请注明）", "企业负责人")[0]?.slice(4, 9)).toEqual([
      "23",
      "<5",
      "<5",
      "",
      "",
    ]);
  });

  it("lists texts with their counts, and says why a group's are withheld", () => {
    const others = records.filter((r) => r[0] === "Q11" && r[2] === "其他说明");
    const texts = others.filter((r) => r[3] === "全体").map((r) => [r[5], r[9]]);
    expect(texts).toEqual([
      ["1", `'${HYPERLINK}`],
      ["1", `'${AT_FORMULA}`],
      ["2", AWKWARD],
    ]);
    const hidden = others.find((r) => r[3] === "普通群众");
    expect(hidden?.slice(4)).toEqual([
      "不显示",
      "",
      "",
      "",
      "",
      "为避免通过相减推算出人数较少组别的结果，按规定不予发布。",
    ]);
    const answers = records.filter((r) => r[0] === "Q27" && r[2] === "文字回答" && r[3] === "全体");
    expect(answers.map((r) => r[9])).toContain("<script>alert(1)</script>");
  });

  it("quotes the awkward text exactly as RFC 4180 says", () => {
    const text = bytes.toString("utf8");
    expect(text).toContain('"会议多, ""文山会海"",\n反复填表"');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(text.endsWith("\r\n")).toBe(true);
  });

  it("ends with the disclosure notes, and no text field can start a formula", () => {
    const notes = records.filter((r) => r[2] === "说明").map((r) => r[9]);
    expect(notes).toContain("“一般干部”回答人数少于 5 人，该列不予显示。");
    expect(notes.at(-1)).toMatch(/^“<5”表示该组人数少于 5，.*“不显示”表示.*（最小发布基数 5）$/);
    for (const field of records.flat()) expect(field).not.toMatch(/^[=+\-@\t\r]/);
  });
});
