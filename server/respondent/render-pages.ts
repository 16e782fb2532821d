// The HTML a respondent receives: the survey shell, or a plain Chinese page saying why not.
import { html, raw } from "hono/html";
import type { EntryUnavailable } from "../domain/refusals.ts";
import type { ClientAssets, PageBundle } from "./client-assets.ts";
import { UNAVAILABLE_HEADINGS } from "./entry-unavailable.ts";

export interface Bootstrap {
  /** The link id or code: names the device's draft. */
  linkId: string;
  /** Where the answers go: the link's or the code's responses URL. */
  submitPath: string;
  version: number;
  lockedCategory: string | null;
  /** GET this for a proof-of-work puzzle before submitting; null when none is required. */
  challengePath?: string | null;
  survey: unknown;
}

/** JSON inside <script> must not be able to close the tag or open a comment. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

const NO_BUNDLE: PageBundle = { script: "", styles: [], preloads: [] };

export const pageHead = (title: string, bundle = NO_BUNDLE, styleNonce = "") => html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
${styleNonce ? html`<meta name="csp-nonce" content="${styleNonce}">` : ""}
<link rel="icon" href="data:,">
<title>${title}</title>
<link rel="stylesheet" href="/static/page.css">
${bundle.styles.map((href) => html`<link rel="stylesheet" href="${href}">`)}
${bundle.preloads.map((href) => html`<link rel="modulepreload" href="${href}">`)}
</head>`;

/**
 * Never a blank page: says it is loading until the script defines <survey-page> (page.css hides
 * this then, by CSS alone, since the CSP allows no inline script or onerror handler); after 8 s
 * still without it (a download cut off on a flaky network), offers 重新加载 (href="" reloads this
 * very URL). A browser without modules runs only no-module.js, which says so at once.
 */
const BOOT_FALLBACK = html`<div class="boot" id="boot-fallback">
<p class="boot-loading">正在加载问卷…</p>
<p class="boot-failed">如果问卷一直没有出现，可能是网络不稳定，页面没有加载完整。已填写的答案仍保存在本设备上。<a href="">重新加载</a></p>
<p class="boot-old">您的浏览器版本过旧，无法打开这份问卷。请更新浏览器，或把链接复制到手机自带的浏览器中打开。<a href="">重新加载</a></p>
</div>`;

/** A draft's phone preview (surveys/preview-page.ts): no link, nowhere to submit. */
export interface PreviewBootstrap {
  preview: true;
  lockedCategory: null;
  survey: unknown;
}

export function renderSurveyPage(
  title: string,
  bootstrap: Bootstrap | PreviewBootstrap,
  client: ClientAssets,
  styleNonce: string,
) {
  return html`${pageHead(title, client.respond, styleNonce)}
<body class="scheme">
<survey-page></survey-page>
${BOOT_FALLBACK}
<noscript><p class="notice">请启用浏览器的 JavaScript 后再填写问卷。</p></noscript>
<script type="application/json" id="survey-data">${raw(scriptSafeJson(bootstrap))}</script>
<script nomodule src="/static/no-module.js"></script>
<script type="module" src="${client.respond.script}"></script>
</body>
</html>`;
}

/** `message`: unavailableText's, which may name the time the link opens. */
export function renderUnavailablePage(reason: EntryUnavailable, message: string) {
  return renderNotice(UNAVAILABLE_HEADINGS[reason], message);
}

export function renderNotice(heading: string, message: string) {
  return html`${pageHead(heading)}
<body class="scheme">
<main class="notice">
<h1>${heading}</h1>
<p>${message}</p>
</main>
</body>
</html>`;
}
