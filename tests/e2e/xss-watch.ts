// Watches a browser context for anything a payload could do if it ever ran or parsed as markup:
// sink requests, dialogs, `window.__xss`, requests to other hosts, navigation away, CSP refusals.
// Also reads what a page shows as text and lists injected elements, so a view cannot pass by
// rendering nothing or by carrying a dead payload in its DOM.
import type { BrowserContext, Frame, Page } from "playwright-core";
import { SINK_PATH } from "./xss-payloads.ts";

export interface Watch {
  /** Every sign that a payload ran or was parsed as markup, one line each. */
  executions: string[];
  /** Every Content-Security-Policy refusal, from the page's event or Chromium's console. */
  cspViolations: string[];
  /** The pages the context opened (popups included), to read `window.__xss` from. */
  pages: Page[];
}

/**
 * Runs in every page before its own scripts: sinks that report instead of acting. Functions that
 * run in the page declare no named inner functions: tsx (the bench) would wrap them in a helper
 * the page does not have.
 */
function instrument() {
  const sinks = window as unknown as Record<string, (kind: string, detail: string) => void>;
  document.addEventListener(
    "securitypolicyviolation",
    (e) => sinks.__xssReport?.("csp", `${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
    true,
  );
  Object.defineProperty(window, "__xss", {
    configurable: false,
    get: () => undefined,
    set: (value: unknown) => sinks.__xssReport?.("exec", `window.__xss = ${String(value)}`),
  });
}

export const newWatch = (): Watch => ({ executions: [], cspViolations: [], pages: [] });

/** Starts watching a context before its first page opens; several contexts may share one watch. */
export async function watchContext(
  context: BrowserContext,
  origin: string,
  watch = newWatch(),
): Promise<Watch> {
  await context.exposeBinding("__xssReport", (source, kind: string, detail: string) => {
    const where = source.page?.url() ?? "?";
    if (kind === "csp") watch.cspViolations.push(`${where}: ${detail}`);
    else watch.executions.push(`${where}: ${detail}`);
  });
  await context.addInitScript(instrument);
  context.on("request", (request) => {
    const url = request.url();
    if (url.includes(SINK_PATH)) watch.executions.push(`request ${url}`);
    else if (!url.startsWith(`${origin}/`) && !/^(data|blob|about):/.test(url))
      watch.executions.push(`request to another host: ${url}`);
  });
  const follow = (page: Page) => {
    watch.pages.push(page);
    page.on("dialog", (dialog) => {
      watch.executions.push(`${dialog.type()} dialog: ${dialog.message()}`);
      void dialog.dismiss().catch(() => undefined);
    });
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text()))
        watch.cspViolations.push(`${page.url()}: ${message.text()}`);
    });
    page.on("framenavigated", (frame) => {
      const url = frame.url();
      const away = !url.startsWith(`${origin}/`) && url !== "about:blank";
      if (url.includes(SINK_PATH) || (frame === page.mainFrame() && away))
        watch.executions.push(`navigated to ${url}`);
    });
  };
  context.on("page", follow);
  for (const page of context.pages()) follow(page);
  return watch;
}

/**
 * The text a person sees on the page: text nodes of rendered elements, through shadow roots,
 * plus the tab title. Closed <details> and hidden elements do not count.
 */
export function visibleText(page: Page | Frame): Promise<string> {
  return page.evaluate(() => {
    const out: string[] = [document.title];
    const skip = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT", "HEAD"]);
    // Depth first in document order, through shadow roots; each entry is a node and its host.
    const stack: [Node, Element | null][] = [[document.documentElement, null]];
    for (let entry = stack.pop(); entry; entry = stack.pop()) {
      const [node, host] = entry;
      const children = [...node.childNodes].reverse();
      for (const child of children) {
        if (child instanceof Element && !skip.has(child.tagName)) stack.push([child, child]);
        else if (child.nodeType === Node.TEXT_NODE) stack.push([child, host]);
      }
      if (node instanceof Element && node.shadowRoot) stack.push([node.shadowRoot, node]);
      if (node.nodeType !== Node.TEXT_NODE) continue;
      const owner = node.parentElement ?? host;
      if (owner?.checkVisibility({ visibilityProperty: true })) out.push(node.textContent ?? "");
    }
    return out.join("\n");
  });
}

/** What form fields hold, through shadow roots: input and textarea values, <select> option texts. */
export function fieldValues(page: Page | Frame): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const roots: (Document | ShadowRoot)[] = [document];
    for (let root = roots.pop(); root; root = roots.pop()) {
      for (const el of root.querySelectorAll("*")) {
        if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) out.push(el.value);
        if (el instanceof HTMLOptionElement) out.push(el.text);
        if (el.shadowRoot) roots.push(el.shadowRoot);
      }
    }
    return out;
  });
}

/** Whitespace collapsed, so a payload matches however the layout broke its lines. */
export const squashSpace = (text: string) => text.replace(/\s+/g, " ").trim();

/**
 * Elements and attributes that only injected markup would bring: event-handler attributes,
 * javascript:/data: URLs, frames, plugins, <base>, <meta http-equiv>, foreign scripts and links.
 */
export function injectedMarkup(page: Page | Frame): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const origin = location.origin;
    const urlAttributes = ["href", "src", "action", "formaction", "data", "xlink:href", "poster"];
    const forbidden = ["iframe", "frame", "object", "embed", "base", "applet", "portal"];
    const roots: (Document | ShadowRoot)[] = [document];
    for (let root = roots.pop(); root; root = roots.pop()) {
      const where = root instanceof ShadowRoot ? root.host.localName : "document";
      for (const el of root.querySelectorAll("*")) {
        const what = `<${el.localName}> in ${where}`;
        const ownScript =
          el instanceof HTMLScriptElement &&
          ((el.type === "module" && el.src.startsWith(`${origin}/assets/`)) ||
            // The old-browser notice (server/respondent/static/no-module.js): ours, external, nomodule.
            (el.noModule && el.src === `${origin}/static/no-module.js`) ||
            (el.type === "application/json" && el.id === "survey-data"));
        const ownLink =
          el instanceof HTMLLinkElement &&
          ((el.rel === "icon" && el.getAttribute("href") === "data:,") ||
            (["stylesheet", "modulepreload"].includes(el.rel) && el.href.startsWith(`${origin}/`)));
        if (forbidden.includes(el.localName)) found.push(what);
        if (el.localName === "script" && !ownScript) found.push(what);
        if (el.localName === "link" && !ownLink) found.push(what);
        if (el.localName === "meta" && el.hasAttribute("http-equiv")) found.push(what);
        for (const a of el.attributes) {
          if (a.name.startsWith("on")) found.push(`${what} ${a.name}=`);
          const url = urlAttributes.includes(a.name) && !ownLink;
          if (url && /^\s*(javascript|data|vbscript):/i.test(a.value))
            found.push(`${what} ${a.name}=${a.value.slice(0, 40)}`);
        }
        if (el.shadowRoot) roots.push(el.shadowRoot);
      }
    }
    return found;
  });
}

/** `window.__xss` is a trap that reports assignments; anything else there means it was replaced. */
export async function readFlags(watch: Watch): Promise<void> {
  for (const page of watch.pages) {
    if (page.isClosed()) continue;
    // A page still navigating (a payload's meta refresh, say) was already counted when it left.
    const flag = await page
      .evaluate(() => typeof (window as { __xss?: unknown }).__xss)
      .catch(() => "undefined");
    if (flag !== "undefined") watch.executions.push(`${page.url()}: window.__xss is ${flag}`);
  }
}
