// What every printable page (code slips, the results report) shares: a synchronous hono template
// rendered to text, and a head with no inline style or script, kept out of search engines.
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

/** Our templates hold no promises, so hono's result is always a string; say so if that changes. */
export function markupText(markup: HtmlEscapedString | Promise<HtmlEscapedString>): string {
  if (markup instanceof Promise) throw new Error("printable markup must render synchronously");
  return markup.toString();
}

/** Opens the document up to </head>; the stylesheet is served by the static handler (CSP). */
export const printPageHead = (title: string, stylesheet: string) => html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${title}</title>
<link rel="stylesheet" href="${stylesheet}">
</head>`;
