// The four downloads by format, as the results worker writes them: each into a stream of bytes.
import type { Writable } from "node:stream";
import { writeCsv } from "../../export/csv-table.ts";
import { buildDocxReport } from "../../export/docx-report.ts";
import type { ExportInput } from "../../export/export-input.ts";
import { renderReportPage } from "../../export/report-page.ts";
import { writeWorkbook } from "../../export/xlsx-workbook.ts";
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
