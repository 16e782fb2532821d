// The workbook's cell formats (xl/styles.xml): each distinct bold/number-format/wrap triple gets an
// index on first use, so the file is written after the sheets, once every triple is known.
import { escapeXml } from "./xml-text.ts";

/** Number format ids below 164 are Excel's built-ins; ours start there. */
const FIRST_CUSTOM_FORMAT = 164;

const FONT = '<sz val="11"/><name val="Calibri"/><family val="2"/>';

interface Style {
  fontId: number;
  numFmtId: number;
  wrap: boolean;
}

export interface CellLook {
  bold: boolean;
  numFmt: string | undefined;
  /** Wrapped text, centred vertically so a one-line figure sits level with a two-line label. */
  wrap: boolean;
}

export class StyleRegistry {
  /** cellXfs in order; index 0 is the style a cell has without an s="". */
  private readonly styles: Style[] = [{ fontId: 0, numFmtId: 0, wrap: false }];
  private readonly ids = new Map<string, number>([["0|0|false", 0]]);
  /** format code → numFmtId */
  private readonly formats = new Map<string, number>();

  /** The s="" index for a cell, 0 meaning no style of its own. */
  styleId({ bold, numFmt, wrap }: CellLook): number {
    const style = {
      fontId: bold ? 1 : 0,
      numFmtId: numFmt === undefined ? 0 : this.formatId(numFmt),
      wrap,
    };
    const key = `${style.fontId}|${style.numFmtId}|${wrap}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.styles.push(style) - 1;
      this.ids.set(key, id);
    }
    return id;
  }

  private formatId(code: string): number {
    let id = this.formats.get(code);
    if (id === undefined) {
      id = FIRST_CUSTOM_FORMAT + this.formats.size;
      this.formats.set(code, id);
    }
    return id;
  }

  toXml(): string {
    const numFmts = [...this.formats].map(
      ([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`,
    );
    const xfs = this.styles.map(({ fontId, numFmtId, wrap }) => {
      const apply = `${numFmtId ? ' applyNumberFormat="1"' : ""}${fontId ? ' applyFont="1"' : ""}`;
      const xf = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="0" borderId="0" xfId="0"${apply}`;
      return wrap
        ? `${xf} applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>`
        : `${xf}/>`;
    });
    return [
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
      numFmts.length > 0 ? `<numFmts count="${numFmts.length}">${numFmts.join("")}</numFmts>` : "",
      `<fonts count="2"><font>${FONT}</font><font><b/>${FONT}</font></fonts>`,
      // Excel requires these two fills first, whether or not anything uses them.
      '<fills count="2"><fill><patternFill patternType="none"/></fill>',
      '<fill><patternFill patternType="gray125"/></fill></fills>',
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>',
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>',
      `<cellXfs count="${xfs.length}">${xfs.join("")}</cellXfs>`,
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>',
      "</styleSheet>",
    ].join("");
  }
}
