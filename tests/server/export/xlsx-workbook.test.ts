// The Excel download reads back with the figures as numbers, hidden ones as empty cells whose
// reason the heading or 说明 gives, the indices on 主要指标, and no formulas.
import { Writable } from "node:stream";
import { utils, type WorkBook, type WorkSheet } from "@e965/xlsx";
import { beforeAll, describe, expect, it } from "vitest";
import { writeWorkbook } from "../../../server/export/xlsx-workbook.ts";
import { collect, readWorkbook, sheetParts } from "./read-back.ts";
import {
  AT_FORMULA,
  buildExportInput,
  HYPERLINK,
  RAW_HEADER,
  RAW_NOTE,
  RAW_ROWS,
} from "./tabulation-fixture.ts";

type Grid = (string | number | null)[][];

function gridOf(sheet: WorkSheet | undefined): Grid {
  if (!sheet) throw new Error("missing sheet");
  return utils.sheet_to_json<(string | number | null)[]>(sheet, { header: 1, defval: null });
}

const rowStarting = (grid: Grid, first: string) => grid.find((row) => row[0] === first);

let bytes: Buffer;
let book: WorkBook;
beforeAll(async () => {
  bytes = await collect((out) => writeWorkbook(buildExportInput(), out));
  book = readWorkbook(bytes);
});

describe("writeWorkbook", () => {
  it("has the summary, the indices, one sheet per question, raw data and the codebook, in that order", () => {
    expect(book.SheetNames).toEqual(["概要", "主要指标", "Q2", "Q11", "Q27", "原始数据", "编码表"]);
  });

  it("summarises the survey, the columns, k and the disclosure notes", () => {
    const grid = gridOf(book.Sheets.概要);
    expect(grid[0]?.[0]).toBe("xx县政治生态建设情况调查问卷");
    expect(rowStarting(grid, "问卷编号")?.[1]).toBe("political-ecology");
    expect(rowStarting(grid, "版本")?.[1]).toBe(3);
    expect(rowStarting(grid, "状态")?.[1]).toBe("已结束");
    expect(rowStarting(grid, "回答日期")?.[1]).toBe("2026-11-02 至 2026-11-20");
    expect(rowStarting(grid, "筛选条件")?.[1]).toBe("渠道：纸质；日期：最早 至 2026-11-20");
    expect(rowStarting(grid, "最小发布基数 k")?.[1]).toBe(5);
    expect(rowStarting(grid, "企业负责人")?.[1]).toBe(23);
    // Hidden sizes are empty cells, so the column sums; the note beside says why.
    expect(rowStarting(grid, "一般干部")?.slice(1)).toEqual([
      null,
      "回答人数少于 5 人，按规定不予发布",
    ]);
    // Hidden to protect 一般干部, not because it is small: its note never says "少于 5".
    expect(rowStarting(grid, "普通群众")?.slice(1)).toEqual([
      null,
      "为避免通过相减推算出人数较少组别的结果，按规定不予发布",
    ]);
    const text = grid.flat().join("\n");
    expect(text).toContain("“一般干部”回答人数少于 5 人，该列不予显示。");
    expect(text).toContain("多选题的占比以看到该题的人数为基数");
  });

  it("stores shares as numbers formatted as percentages, and hidden cells empty", () => {
    const sheet = book.Sheets.Q2;
    const grid = gridOf(sheet);
    expect(grid[2]?.slice(0, 2)).toEqual(["选项", "全体（n=38）"]);
    expect(grid[2]).toContain("一般干部（人数少于5，不显示）");
    expect(grid[2]).toContain("普通群众（为保护其他组而不显示）");
    expect(grid[3]?.slice(1, 4)).toEqual(["人数", "占比", "有效占比"]);
    const good = rowStarting(grid, "好");
    expect(good?.slice(0, 2)).toEqual(["好", 16]);
    // The headings say why (人数少于5 / 为保护其他组), so the row needs no 说明 column.
    expect(good?.slice(7)).toEqual([null, null, null, null, null, null]);
    expect(grid[2]).not.toContain("说明");
    // Row 5 is the first option: 好 | 16 | 42.1% | 47.1% | ...
    const share = sheet?.C5;
    expect(share?.t).toBe("n");
    expect(share?.z).toBe("0.0%");
    // The printed figure itself (42.1%), so no spreadsheet rounds 16/38 a second time.
    expect(share?.v).toBe(0.421);
    expect(sheet?.D5?.v).toBe(0.471);
    // 不作评价 has no valid share: blank, not hidden.
    expect(rowStarting(grid, "不作评价")?.[3]).toBeNull();
    expect(rowStarting(grid, "基数（看到该题的人数）")?.[1]).toBe(38);
    expect(rowStarting(grid, "有效基数（不含“不作评价”及未作答）")?.[4]).toBe(21);
    expect(grid.flat()).toContain(
      "卡方检验：χ² = 1.23，自由度 = 3，p = 0.745。注意：8 个格子中有 4 个的期望频数小于 5，检验结果仅供参考。",
    );
  });

  it("ranks the indices on 主要指标: shares as numbers, their counts and bases, hidden ones empty", () => {
    const grid = gridOf(book.Sheets.主要指标);
    expect(grid[2]).toEqual([
      "排序",
      "方面",
      "全体",
      "企业负责人",
      "一般干部（人数少于5，不显示）",
      "普通群众（为保护其他组而不显示）",
    ]);
    const rowAfter = (label: string) => grid[grid.findIndex((row) => row[0] === label) + 1];
    // Q2: 好 16 + 较好 12 of the 34 valid answers in 全体, 10 + 8 of 21 for 企业负责人.
    expect(rowAfter("满意率：比例")).toEqual([1, "当前政治生态", 0.824, 0.857, null, null]);
    const counts = grid.find((row) => String(row[0]).startsWith("满意率：计入人数"));
    expect(counts?.[0]).toBe("满意率：计入人数，即选择“好”或“较好”的人数");
    expect(grid[grid.indexOf(counts ?? []) + 1]).toEqual([1, "当前政治生态", 28, 18, null, null]);
    expect(rowAfter("满意率：基数，即有效回答（不含“不作评价”等）")).toEqual([
      1,
      "当前政治生态",
      34,
      21,
      null,
      null,
    ]);
    expect(grid.flat()).toContain(
      "“当前政治生态”的满意率为 82.4%，即选择“好”或“较好”的占有效回答（不含“不作评价”等）的 82.4%（28/34）。",
    );
    expect(book.Sheets.主要指标?.C8).toMatchObject({ t: "n", v: 0.824, z: "0.0%", w: "82.4%" });
  });

  it("freezes the header rows and the label column", () => {
    const xml = (name: string) => sheetParts(bytes).find((sheet) => sheet.name === name)?.xml;
    expect(xml("Q2")).toMatch(/<pane xSplit="1" ySplit="4"[^>]*state="frozen"/);
    expect(xml("原始数据")).toMatch(/<pane [^>]*ySplit="2"[^>]*state="frozen"/);
    expect(xml("主要指标")).toMatch(/<pane xSplit="2" ySplit="3"[^>]*state="frozen"/);
  });

  it("lists “其他” texts per group, says which are withheld, and prints the note", () => {
    const grid = gridOf(book.Sheets.Q11);
    const cells = grid.flat();
    expect(cells).toContain("全体（n=38）");
    expect(cells).toContain("一般干部（人数少于5，不显示）");
    expect(cells).toContain("回答人数少于 5 人，按规定不予发布。");
    expect(cells).toContain("多选题：各选项占比以看到该题的人数为基数，合计可能超过 100%。");
    expect(cells).toContain("卡方检验：未进行（多选题不做卡方检验）。");
    // The suppressed 其他 cell of 企业负责人: empty, and the row's 说明 says why.
    const other = rowStarting(grid, "其他（请注明）");
    expect(other?.slice(3, 5)).toEqual([null, null]);
    expect(other?.at(-1)).toBe("企业负责人：回答人数少于 5 人，不予发布");
    const q27 = gridOf(book.Sheets.Q27);
    expect(rowStarting(q27, "作风")?.slice(0, 2)).toEqual(["作风", 3]);
    expect(q27.flat()).toContain("干部作风问题");
  });

  it("stores formula-like text as text with a leading apostrophe, and no cell has a formula", () => {
    const cells = gridOf(book.Sheets.Q11).flat();
    expect(cells).toContain(`'${HYPERLINK}`);
    expect(cells).toContain(`'${AT_FORMULA}`);
    expect(cells).not.toContain(HYPERLINK);
    for (const name of book.SheetNames) {
      const sheet = book.Sheets[name] ?? {};
      for (const [address, cell] of Object.entries(sheet)) {
        if (address.startsWith("!")) continue;
        expect(cell.f, `${name}!${address}`).toBeUndefined();
        if (typeof cell.v === "string")
          expect(cell.v, `${name}!${address}`).not.toMatch(/^[=+\-@]/);
      }
    }
  });

  it("round-trips the raw rows under the note and header", () => {
    const grid = gridOf(book.Sheets.原始数据);
    expect(grid[0]?.[0]).toBe(RAW_NOTE);
    expect(grid[1]).toEqual(RAW_HEADER);
    const guarded = RAW_ROWS.map((row) =>
      row.map((v) => (typeof v === "string" && /^[=@]/.test(v) ? `'${v}` : v)),
    );
    expect(grid.slice(2)).toEqual(guarded);
  });

  it("prints only the note when raw data is withheld", async () => {
    const input = buildExportInput({ raw: null, rawNote: "样本过小，原始数据不予提供。" });
    const withheld = readWorkbook(await collect((out) => writeWorkbook(input, out)));
    expect(gridOf(withheld.Sheets.原始数据)).toEqual([["样本过小，原始数据不予提供。"]]);
  });

  it("has one codebook row per option, with flags and display logic", () => {
    const grid = gridOf(book.Sheets.编码表);
    expect(grid[0]).toEqual([
      "题号",
      "部分",
      "题目",
      "题型",
      "选项编码",
      "选项",
      "标记",
      "显示条件",
    ]);
    const q2 = grid.filter((row) => row[0] === "Q2");
    expect(q2.map((row) => row[5])).toEqual(["好", "较好", "一般", "不作评价"]);
    expect(q2[3]?.[6]).toBe("不计入有效占比");
    expect(q2[0]?.[1]).toBe("二、总体评价");
    const other = grid.find((row) => row[0] === "Q11" && row[4] === "X");
    expect(other?.[6]).toBe("其他（需注明）");
    const q12 = grid.find((row) => row[0] === "Q12");
    expect(q12?.[7]).toBe("当 Q11 选中“选人用人导向不正，风气不好”（B）时显示");
    const q27 = grid.filter((row) => row[0] === "Q27");
    expect(q27).toHaveLength(1);
    expect(q27[0]?.slice(3, 7)).toEqual(["简答题", null, null, "最多 200 字"]);
  });
});

describe("writeWorkbook streaming", () => {
  it("writes 100,000 raw rows from a generator, sending the zip out as it goes", async () => {
    let size = 0;
    let sentByMidpoint = 0;
    function* rows() {
      for (let i = 1; i <= 100_000; i++) {
        if (i === 50_000) sentByMidpoint = size;
        yield [i, "企业负责人", "A", "A;F", null, "文字回答"];
      }
    }
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        done();
      },
    });
    const input = buildExportInput({ raw: { header: RAW_HEADER, rows: rows() } });
    await writeWorkbook(input, sink);
    expect(size).toBeGreaterThan(1_000_000);
    // Rows are compressed and sent while the generator runs, not queued until the end.
    expect(sentByMidpoint).toBeGreaterThan(size / 4);
  });

  it("fails instead of hanging when the client goes away mid-download", async () => {
    function* rows() {
      for (let i = 1; i <= 100_000; i++) yield [i, "企业负责人", "A", "A;F", null, "文字回答"];
    }
    let size = 0;
    const sink: Writable = new Writable({
      write(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > 200_000) sink.destroy();
        done();
      },
    });
    const input = buildExportInput({ raw: { header: RAW_HEADER, rows: rows() } });
    await expect(writeWorkbook(input, sink)).rejects.toThrow();
  });
});
