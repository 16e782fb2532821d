// A rating grid in the workbook: one sheet per grid with a block per row (each block is the row's
// own banner table), and codebook lines per row × scale option under the row's key "grid.row".
import { matrixRowKey } from "../../surveys/format/matrix-answers.ts";
import type { MatrixQuestion } from "../../surveys/format/schema.ts";
import type { QuestionTable } from "../tabulate/results-schemas.ts";
import type { ExportInput } from "./export-input.ts";
import { KIND_LABELS } from "./figure-text.ts";
import { findSectionTitle } from "./survey-lookup.ts";
import type { SheetRow } from "./xlsx/sheet-types.ts";
import { buildQuestionSheet } from "./xlsx-question-sheet.ts";
import { appendRow } from "./xlsx-rows.ts";

export interface GridSheet {
  name: string;
  columnWidths: number[];
  freeze: { rows: number; columns: number };
  rows: SheetRow[];
}

/**
 * The grid's row tables stacked, a blank line between blocks; null for tables of no grid. Blocks
 * share the banner columns, so widths are the first block's; only the label column is frozen.
 */
export function buildGridSheet(tables: QuestionTable[], input: ExportInput): GridSheet | null {
  const grid = tables[0]?.grid;
  if (!grid) return null;
  const section = findSectionTitle(input.survey, grid.code, tables[0]?.section ?? "");
  const rows: SheetRow[] = [];
  appendRow(rows, [`${grid.code}　${grid.text}`], { bold: true });
  appendRow(rows, [`${section}　${KIND_LABELS.matrix}，共 ${tables.length} 行，每行一张表`]);
  let columnWidths: number[] = [];
  for (const table of tables) {
    const block = buildQuestionSheet(table, input.tabulation, section);
    if (columnWidths.length === 0) columnWidths = block.columnWidths;
    appendRow(rows, []);
    rows.push(...block.rows);
  }
  return { name: grid.code, columnWidths, freeze: { rows: 0, columns: 1 }, rows };
}

/** One codebook line per row and scale option: the raw sheet's "Q20.r3" columns decode here. */
export function appendGridCodebook(
  sheet: SheetRow[],
  q: MatrixQuestion,
  section: string,
  showIf: string,
): void {
  for (const row of q.rows) {
    const key = matrixRowKey(q.code, row.code);
    const required = q.required || row.required === true ? "必答" : null;
    for (const option of q.options) {
      const flags = [required, option.nonSubstantive ? "不计入有效占比" : null].filter(
        (flag) => flag !== null,
      );
      appendRow(sheet, [
        key,
        section,
        `${q.text}——${row.label}`,
        KIND_LABELS.matrix,
        option.code,
        option.label,
        flags.join("、") || null,
        showIf,
      ]);
    }
  }
}
