// A rating grid in the workbook: one sheet per grid with a block per row (each block is the row's
// own banner table), and codebook lines per row × scale option under the row's key "grid.row".
import { matrixRowKey } from "../../surveys/format/matrix-answers.ts";
import type { MatrixQuestion } from "../../surveys/format/schema.ts";
import { columnHeading } from "../tabulate/figure-rules.ts";
import type { QuestionTable } from "../tabulate/results-schemas.ts";
import type { ExportInput } from "./export-input.ts";
import { KIND_LABELS } from "./figure-text.ts";
import { findSectionTitle } from "./survey-lookup.ts";
import type { SheetRow } from "./xlsx/sheet-types.ts";
import { appendHeadings, buildQuestionSheet } from "./xlsx-question-sheet.ts";
import { appendRow } from "./xlsx-rows.ts";

/** Title, section and the banner's two heading rows, repeated on every printed page. */
export const GRID_HEADER_ROWS = 4;

export interface GridSheet {
  name: string;
  columnWidths: number[];
  freeze: { rows: number; columns: number };
  rows: SheetRow[];
}

/**
 * The grid's row tables stacked, a blank line between blocks; null for tables of no grid. Blocks
 * share the banner columns, named once at the top (each block's own headings give its sizes), so
 * a page that starts mid-block still says which column is which. Widths are the widest block's:
 * one with a 说明 column has one more.
 */
export function buildGridSheet(tables: QuestionTable[], input: ExportInput): GridSheet | null {
  const first = tables[0];
  const grid = first?.grid;
  if (!first || !grid) return null;
  const tab = input.tabulation;
  const section = findSectionTitle(input.survey, grid.code, first.section);
  const rows: SheetRow[] = [];
  appendRow(rows, [`${grid.code}　${grid.text}`], { bold: true });
  appendRow(rows, [`${section}　${KIND_LABELS.matrix}，共 ${tables.length} 行，每行一张表`]);
  const banner = tab.columns.map((column) =>
    column.hidden ? columnHeading(column.label, null, column.hidden, tab.minBase) : column.label,
  );
  appendHeadings(rows, first, banner, false);
  let columnWidths: number[] = [];
  for (const table of tables) {
    const block = buildQuestionSheet(table, tab, section, false);
    if (block.columnWidths.length > columnWidths.length) columnWidths = block.columnWidths;
    appendRow(rows, []);
    rows.push(...block.rows);
  }
  const freeze = { rows: GRID_HEADER_ROWS, columns: 1 };
  return { name: grid.code, columnWidths, freeze, rows };
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
      appendRow(
        sheet,
        [
          key,
          section,
          `${q.text}——${row.label}`,
          KIND_LABELS.matrix,
          option.code,
          option.label,
          flags.join("、") || null,
          showIf,
        ],
        { wrap: true },
      );
    }
  }
}
