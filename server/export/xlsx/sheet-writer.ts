// Turns a sheet's rows into XML bytes in batches, pulled by the zip only as fast as it can send
// them: a generator of 100,000 rows is read as the download goes, never held whole.

import type { SheetLayout, SheetRow } from "./sheet-types.ts";
import { mergeRefs, rowXml, sheetHead, sheetTail } from "./sheet-xml.ts";
import type { StyleRegistry } from "./styles.ts";

/** Big enough that deflate gets real work per call, small enough to stay out of the way. */
const BATCH_CHARS = 64 * 1024;

export async function* sheetChunks(
  layout: SheetLayout,
  rows: Iterable<SheetRow> | AsyncIterable<SheetRow>,
  styles: StyleRegistry,
  selected: boolean,
): AsyncGenerator<Buffer> {
  // Merges are few (question headers only) and must follow the cells, so they wait here.
  const merges: string[] = [];
  let batch = sheetHead(layout, selected);
  let number = 0;
  for await (const row of rows) {
    number += 1;
    batch += rowXml(row, number, styles, layout.columnWidths);
    if (row.merges) merges.push(...mergeRefs(row, number));
    if (batch.length >= BATCH_CHARS) {
      yield Buffer.from(batch, "utf8");
      batch = "";
    }
  }
  yield Buffer.from(batch + sheetTail(merges, layout.print), "utf8");
}
