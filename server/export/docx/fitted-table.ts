// A table as printed: its caption and head row repeat on every page it runs onto, no row splits,
// a part that fits on one page is kept on one page, and each part fills the text width.
import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import { FONTS, runFonts, type TextArea } from "./gbt9704.ts";
import { clean } from "./paragraphs.ts";
import {
  CELL_MARGIN,
  columnWidths,
  type PrintTable,
  partHeight,
  planParts,
  splitHeading,
  TABLE_SIZE,
  unwrappedWidth,
} from "./table-plan.ts";

export type { PrintTable } from "./table-plan.ts";

interface CellText {
  lines: string[];
  align: "left" | "center";
  bold: boolean;
  /** Word and LibreOffice keep a row whose paragraphs "keep with next" on the page of the next row. */
  keepNext: boolean;
}

const cellParagraph = ({ lines, align, bold, keepNext }: CellText) =>
  new Paragraph({
    alignment: align === "left" ? AlignmentType.LEFT : AlignmentType.CENTER,
    spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
    keepNext,
    children: lines.map(
      (text, i) =>
        new TextRun({
          text: clean(text),
          break: i > 0 ? 1 : undefined,
          bold,
          size: TABLE_SIZE,
          font: runFonts(bold ? FONTS.heading1 : FONTS.body),
        }),
    ),
  });

const NONE = { style: BorderStyle.NONE, size: 0, color: "auto" };

/** The caption as the table's first row: it repeats with the head row and can never be orphaned. */
const captionRow = (caption: string, span: number) =>
  new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [
      new TableCell({
        columnSpan: span,
        borders: { top: NONE, left: NONE, right: NONE },
        margins: { left: 0, right: 0, top: 60, bottom: 60 },
        children: [cellParagraph({ lines: [caption], align: "left", bold: true, keepNext: true })],
      }),
    ],
  });

function partTable(
  table: PrintTable,
  columns: number[],
  widths: number[],
  caption: string,
  keep: { together: boolean; withNext: boolean },
): Table {
  const row = (cells: string[], header: boolean, keepNext: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: columns.map((c, i) => {
        const text = cells[c] ?? "";
        const lines = header ? splitHeading(text).filter((t): t is string => t !== null) : [text];
        const align = table.wrapColumns.includes(c) ? "left" : "center";
        return new TableCell({
          width: { size: widths[i] ?? 0, type: WidthType.DXA },
          margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: 30, bottom: 30 },
          verticalAlign: VerticalAlign.CENTER,
          shading: header ? { type: ShadingType.CLEAR, fill: "EDEDED", color: "auto" } : undefined,
          children: [cellParagraph({ lines, align, bold: header, keepNext })],
        });
      }),
    });
  const last = table.rows.length - 1;
  return new Table({
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      captionRow(caption, columns.length),
      row(table.head, true, true),
      ...table.rows.map((cells, r) => row(cells, false, r < last ? keep.together : keep.withNext)),
    ],
  });
}

/** Word joins two tables with nothing between them into one: a thin paragraph keeps them apart. */
const spacer = (keepNext: boolean) =>
  new Paragraph({
    keepNext,
    spacing: { line: 120, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    children: [new TextRun({ text: "", size: 12 })],
  });

/**
 * One docx table per part, each filling the text width and followed by a spacer; caption(p, n)
 * names part p of n. A part shorter than the page is kept whole on one page; a longer one runs on
 * with its head repeated. keepWithNext keeps the last part with the paragraph after it (its notes).
 */
export function fittedTables(
  table: PrintTable,
  area: TextArea,
  caption: (part: number, parts: number) => string,
  keepWithNext = false,
): (Table | Paragraph)[] {
  const widths = columnWidths(table);
  const parts = planParts(widths, table.keyColumns, area.width);
  return parts.flatMap((columns, p) => {
    const own = columns.map((c) => widths[c] ?? 0);
    let spare = Math.max(0, area.width - own.reduce((s, w) => s + w, 0));
    // Spare width first unwraps the labels, then goes to every column alike.
    columns.forEach((c, i) => {
      if (!table.wrapColumns.includes(c)) return;
      const more = Math.min(spare, Math.max(0, unwrappedWidth(table, c) - (own[i] ?? 0)));
      own[i] = (own[i] ?? 0) + more;
      spare -= more;
    });
    const share = Math.floor(spare / own.length);
    const final = own.map((w) => w + share);
    const fits = partHeight(table, columns, final) < area.height * 0.9;
    const withNext = keepWithNext && p === parts.length - 1;
    return [
      partTable(table, columns, final, caption(p, parts.length), { together: fits, withNext }),
      spacer(withNext),
    ];
  });
}
