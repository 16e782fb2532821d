// The printable A4 sheet of single-use code slips: QR code, URL and one instruction line each.
import { html, raw } from "hono/html";
import { markupText, printPageHead } from "../http/print-page.ts";
import { qrSvg } from "./qr-images.ts";

export interface SlipSheetInput {
  surveyTitle: string;
  batchLabel: string;
  categoryLabel: string | null;
  urls: string[];
  /** YYYY-MM-DD, printed on each page's footer strip so stacks of paper can be told apart. */
  printedOn: string;
}

export interface SlipSheetOptions {
  /** Draws one code's QR as trusted SVG markup; the bench swaps in a blank to price the codes. */
  drawQr?: (url: string) => string;
}

/** Served by the static handler from server/respondent/static/slips.css; the CSP forbids inline styles. */
export const SLIPS_STYLESHEET = "/static/slips.css";
/** 3 columns × 5 rows: must match the grid in slips.css. */
export const SLIPS_PER_PAGE = 15;

const INSTRUCTION = "请用手机扫码或在浏览器输入上方网址，匿名填写问卷。每个码只能提交一次。";

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** The number is for counting slips, not for identifying anyone: it is not stored anywhere. */
const slip = (url: string, n: number, total: number, drawQr: (url: string) => string) =>
  html`<div class="slip">
<span class="slip-number">${n}/${total}</span>
<div class="slip-qr">${raw(drawQr(url))}</div>
<p class="slip-url">${url}</p>
<p class="slip-help">${INSTRUCTION}</p>
</div>`;

function header(input: SlipSheetInput, pages: number) {
  const category = input.categoryLabel ?? "不限类别";
  return html`<header class="screen-only">
<h1>${input.surveyTitle}</h1>
<p>发放渠道：<strong>${input.batchLabel}</strong>　类别：<strong>${category}</strong>　共 <strong>${input.urls.length}</strong> 张码条，每页 ${SLIPS_PER_PAGE} 张，共 ${pages} 页（A4）。</p>
<p>用浏览器的打印功能（Ctrl+P）打印，选择 A4、缩放 100%、勾选背景图形。打印后沿虚线剪开。</p>
<p class="warning">注意：这些码在发到填写人手中之前必须保密。任何人拿到码都能用它提交一份问卷；打印好的纸张请妥善保管，不要拍照或转发本页。</p>
</header>`;
}

export function renderSlipSheet(input: SlipSheetInput, options: SlipSheetOptions = {}): string {
  const drawQr = options.drawQr ?? qrSvg;
  const total = input.urls.length;
  const pages = chunk(input.urls, SLIPS_PER_PAGE);
  const sheets = pages.map(
    (urls, p) => html`<section class="sheet">
${urls.map((url, i) => slip(url, p * SLIPS_PER_PAGE + i + 1, total, drawQr))}
<footer class="sheet-footer">${input.batchLabel} · ${input.printedOn} · 第 ${p + 1}/${pages.length} 页</footer>
</section>
`,
  );
  return markupText(html`${printPageHead(`码条 · ${input.batchLabel} · ${input.surveyTitle}`, SLIPS_STYLESHEET)}
<body>
${header(input, pages.length)}
<main>
${sheets}
</main>
</body>
</html>
`);
}
