// The four downloads by format, as the results worker writes them: each into a stream of bytes.
import type { Writable } from "node:stream";
import { writeCsv } from "../csv-table.ts";
import { buildDocxReport } from "../docx-report.ts";
import type { ExportInput } from "../export-input.ts";
import { renderReportPage } from "../report-page.ts";
import { writeWorkbook } from "../xlsx-workbook.ts";
import type { DownloadFormat } from "./results-messages.ts";

export const EXPORT_WRITERS: Record<
  DownloadFormat,
  (input: ExportInput, out: Writable) => Promise<void>
> = {
  xlsx: writeWorkbook,
  csv: writeCsv,
  docx: async (input, out) => {
    out.end(await buildDocxReport(input));
  },
  html: async (input, out) => {
    out.end(renderReportPage(input));
  },
};
