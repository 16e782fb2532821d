// Writes an .xlsx workbook to a stream, one sheet after another; the package parts that list
// the sheets and their styles follow at the end, when all of them are known.
import type { Writable } from "node:stream";
import {
  contentTypesXml,
  rootRelsXml,
  sheetPath,
  workbookRelsXml,
  workbookXml,
} from "./package-parts.ts";
import { checkPrintSetup } from "./print-setup.ts";
import type { PrintSetup, SheetLayout, SheetRow } from "./sheet-types.ts";
import { sheetChunks } from "./sheet-writer.ts";
import { StyleRegistry } from "./styles.ts";
import { ZipWriter } from "./zip-writer.ts";

const utf8 = (text: string) => [Buffer.from(text, "utf8")];

export class WorkbookWriter {
  private readonly zip: ZipWriter;
  private readonly styles = new StyleRegistry();
  /** Tab order, with each sheet's print setup for the print titles in workbook.xml. */
  private readonly sheets: { name: string; print?: PrintSetup }[] = [];

  constructor(out: Writable) {
    this.zip = new ZipWriter(out);
  }

  /** Writes one sheet, pulling its rows as `out` takes the bytes; the first sheet opens selected. */
  async addSheet(
    layout: SheetLayout,
    rows: Iterable<SheetRow> | AsyncIterable<SheetRow>,
  ): Promise<void> {
    const index = this.sheets.length;
    if (this.sheets.some(({ name }) => name.toLowerCase() === layout.name.toLowerCase()))
      throw new Error(`two sheets named ${layout.name}`);
    checkPrintSetup(layout.name, layout.print);
    this.sheets.push({ name: layout.name, print: layout.print });
    await this.zip.addEntry(sheetPath(index), sheetChunks(layout, rows, this.styles, index === 0));
  }

  /** Adds the workbook, styles and package parts, then ends `out`. */
  async finish(): Promise<void> {
    const count = this.sheets.length;
    await this.zip.addEntry("xl/styles.xml", utf8(this.styles.toXml()));
    await this.zip.addEntry("xl/workbook.xml", utf8(workbookXml(this.sheets)));
    await this.zip.addEntry("xl/_rels/workbook.xml.rels", utf8(workbookRelsXml(count)));
    await this.zip.addEntry("_rels/.rels", utf8(rootRelsXml()));
    await this.zip.addEntry("[Content_Types].xml", utf8(contentTypesXml(count)));
    await this.zip.finish();
  }
}
