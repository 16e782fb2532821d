// The results' downloads and printable report: plain links carrying the view's own query string.
import { html } from "lit";
import { DOWNLOADS, PRINTABLE_REPORT } from "./results-query.ts";

const BASE = "/api/admin/results";

/** Files download in place; the printable report opens in a new tab to be printed from there. */
export function renderDownloads(query: string) {
  return html`<div class="actions downloads" role="group" aria-label="下载与报告">
    ${DOWNLOADS.map(
      (d) => html`<a class="button" href="${BASE}/${d.path}?${query}" download>${d.label}</a>`,
    )}
    <a class="button" href="${BASE}/${PRINTABLE_REPORT.path}?${query}" target="_blank" rel="noopener">
      ${PRINTABLE_REPORT.label}
    </a>
  </div>`;
}
