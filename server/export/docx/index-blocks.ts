// 主要指标: per declared index (满意率 …) the ranking sentence, its ranked table, the chart of the
// 全体 figures and one sentence per aspect, all as the narrative words them.
import type { NarrativeIndex } from "../narrative.ts";
import { type ChartWarn, chartParagraphs } from "./chart-paragraphs.ts";
import { fittedTables } from "./fitted-table.ts";
import { PORTRAIT_TEXT } from "./gbt9704.ts";
import { bodyParagraph, headingParagraph } from "./paragraphs.ts";
import type { Block, Numbering } from "./question-blocks.ts";

const DIGITS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 1 → 一, 12 → 十二, 20 → 二十: the （一） of a 二级标题. */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n] ?? String(n);
  if (n >= 100) return String(n);
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? "" : DIGITS[tens]}十${DIGITS[n % 10]}`;
}

export function indexBlocks(
  indices: NarrativeIndex[],
  numbering: Numbering,
  warn: ChartWarn,
): Block[] {
  if (indices.length === 0) return [];
  const blocks: Block[] = [headingParagraph("主要指标", 1)];
  indices.forEach((index, i) => {
    blocks.push(headingParagraph(`（${chineseNumber(i + 1)}）${index.name}`, 2));
    blocks.push(bodyParagraph(index.ranking));
    const { head, body } = index.table;
    // 排序, 方面 and 全体 are repeated in every part when the groups do not fit one width.
    blocks.push(
      ...fittedTables(
        { head, rows: body, keyColumns: Math.min(3, head.length), wrapColumns: [1] },
        PORTRAIT_TEXT,
        (p) => (p === 0 ? `表${i + 1}　${index.name}（按全体排序）` : `表${i + 1}（续）`),
      ),
    );
    if (index.chart.length > 0) {
      numbering.figure += 1;
      blocks.push(
        ...chartParagraphs(index.chart, `图${numbering.figure}　${index.name}（全体）`, warn),
      );
    }
    blocks.push(...index.sentences.map((text) => bodyParagraph(text)));
  });
  return blocks;
}
