// Attack 2: a hostile survey author puts markup, formulas and control characters into an index name,
// an aspect and option labels. The printable page (inline SVG) must run nothing, the workbook's
// 主要指标 sheet must hold text (no formula), the Word report must be readable XML, and the
// chart rasterizer must not be made slow or huge by a label the survey format accepts.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { barChartSvg } from "../../../server/export/charts/bar-chart-svg.ts";
import { rasterizeChart } from "../../../server/export/charts/rasterize-chart.ts";
import { buildDocxReport } from "../../../server/export/docx-report.ts";
import { renderReportPage } from "../../../server/export/report-page.ts";
import { writeWorkbook } from "../../../server/export/xlsx-workbook.ts";
import { checkSurvey } from "../../../surveys/format/check-survey.ts";
import { parseSurvey } from "../../../surveys/format/parse-survey.ts";
import type { SurveyInput } from "../../../surveys/format/schema.ts";
import { launchBrowser } from "../../support/browser.ts";
import { type CustomStore, openCustomStore, seedSurveyInput } from "../../support/custom-store.ts";
import { seededRandom } from "../../support/random-answers.ts";
import { times } from "../../support/tabulation-store.ts";
import { collect, readPart, readWorkbook } from "../export/read-back.ts";

const NAME = "<script>__x=1//"; // index names take at most 20 characters
const ASPECT = "</svg><img src=x onerror=__x=2>"; // aspects at most 40
const FORMULA_ASPECT = '=HYPERLINK("http://e.x","x")';
const LABEL = `]]></text></svg><svg onload="__x=3"><script>__x=4</script><!--&lt;&amp;`;

/** Every question of the seed, mapped. */
const mapQuestions = (
  seed: SurveyInput,
  f: (q: SurveyInput["sections"][number]["questions"][number]) => void,
) => {
  const copy = structuredClone(seed);
  for (const s of copy.sections) for (const q of s.questions) f(q);
  return copy;
};

function hostile(seed: SurveyInput): SurveyInput {
  return mapQuestions(seed, (q) => {
    if (q.kind !== "single" || !q.index) return;
    if (q.code === "Q2") q.index = { ...q.index, name: NAME, aspect: ASPECT };
    else if (q.code === "Q3") q.index = { ...q.index, name: NAME, aspect: FORMULA_ASPECT };
    else q.index = { ...q.index, name: NAME };
    const first = q.options[0];
    if (first) first.label = LABEL;
  });
}

/** A control character in a label or a question's text: JSON carries it, the format accepts it. */
function withControlCharacter(where: "label" | "text") {
  return (seed: SurveyInput) =>
    mapQuestions(seed, (q) => {
      if (q.code !== "Q2" || q.kind !== "single") return;
      if (where === "text") q.text = `您认为当前政治生态\u0001\u000b如何？`;
      else if (q.options[0]) q.options[0].label = "好\u0001";
    });
}

const stores: CustomStore[] = [];
function filled(transform: (s: SurveyInput) => SurveyInput) {
  const store = openCustomStore(transform);
  stores.push(store);
  const specs = ["A", "B", "C", "D"].flatMap((category) =>
    times(12, { category, channel: "t", day: "2026-11-21" }),
  );
  store.add(specs, seededRandom(99));
  return store;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  for (const s of stores) s.close();
});

describe("attack 2: hostile index names, aspects and labels", () => {
  it("the printable page runs nothing and keeps the texts as text, inline SVG included", async () => {
    const input = await filled(hostile).exportInput();
    expect(input.tabulation.indices.map((s) => s.name)).toContain(NAME);
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    // No CSP here: escaping alone must hold.
    await page.setContent(renderReportPage(input), { waitUntil: "load" });
    await page.waitForTimeout(300);
    const found = await page.evaluate(() => ({
      x: (window as unknown as { __x?: number }).__x ?? null,
      scripts: document.querySelectorAll("script").length,
      images: document.querySelectorAll("img").length,
      handlers: [...document.querySelectorAll("*")].filter((e) =>
        [...e.attributes].some((a) => a.name.startsWith("on")),
      ).length,
      svgKinds: [...new Set([...document.querySelectorAll("svg *")].map((e) => e.localName))],
      text: document.body.textContent ?? "",
    }));
    await page.close();
    expect(dialogs).toEqual([]);
    expect(found.x).toBeNull();
    expect(found.scripts + found.images + found.handlers).toBe(0);
    expect(found.svgKinds.sort()).toEqual(["g", "line", "rect", "text"]);
    expect(found.text).toContain(NAME);
    expect(found.text).toContain(ASPECT);
  });

  it("the 主要指标 sheet keeps a formula-looking aspect as text", async () => {
    const input = await filled(hostile).exportInput();
    const bytes = await collect((out) => writeWorkbook(input, out));
    const book = readWorkbook(bytes);
    const sheet = book.Sheets.主要指标;
    if (!sheet) throw new Error("no 主要指标 sheet");
    const cells = Object.entries(sheet).filter(([ref]) => !ref.startsWith("!"));
    const formulas = cells.filter(([, cell]) => typeof cell === "object" && cell && "f" in cell);
    expect(formulas).toEqual([]);
    const aspect = cells.find(([, cell]) => String(cell?.v ?? "").includes("HYPERLINK"));
    expect(aspect?.[1]?.t).toBe("s");
    expect(String(aspect?.[1]?.v).startsWith("=")).toBe(false);
  });

  it("the Word report's XML stays well-formed with markup in the index texts", async () => {
    const input = await filled(hostile).exportInput();
    const xml = readPart(await buildDocxReport(input, { warn: () => {} }), "word/document.xml");
    const page = await browser.newPage();
    const error = await page.evaluate(
      (text) =>
        new DOMParser().parseFromString(text, "application/xml").querySelector("parsererror")
          ?.textContent ?? null,
      xml,
    );
    await page.close();
    expect(error).toBeNull();
  });

  for (const where of ["label", "text"] as const) {
    it(`a control character in a question's ${where} is accepted by the format, so the Word report must survive it`, async () => {
      const parsed = parseSurvey(withControlCharacter(where)(seedSurveyInput()), "t");
      expect(parsed.ok && checkSurvey(parsed.survey)).toEqual([]);
      const input = await filled(withControlCharacter(where)).exportInput();
      const bytes = await buildDocxReport(input, { warn: () => {} });
      const xml = readPart(bytes, "word/document.xml");
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
      expect(xml.match(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g) ?? []).toEqual([]);
    });
  }

  it("a chart of the longest labels the format accepts stays a page high", () => {
    const survey = mapQuestions(seedSurveyInput(), (q) => {
      if (q.code !== "Q2" || q.kind !== "single") return;
      q.options = Array.from({ length: 50 }, (_, i) => ({
        code: `O${i}`,
        label: "形".repeat(2000),
        ...(i === 49 ? { nonSubstantive: true } : {}),
      }));
      q.index = { name: "满意率", positive: ["O0"] };
    });
    const parsed = parseSurvey(survey, "t");
    expect(parsed.ok && checkSurvey(parsed.survey)).toEqual([]);
    const bars = Array.from({ length: 50 }, () => ({
      label: "形".repeat(2000),
      value: 0.02,
      text: "2.0%",
    }));
    const height = Number(/height="(\d+)"/.exec(barChartSvg(bars, { widthPx: 600 }))?.[1]);
    // An A4 page is about 1,000 px of text height at 96 dpi; allow four.
    expect(height).toBeLessThan(4000);
  });

  it("rasterizing a chart of twelve long labels takes seconds, not tens of seconds", () => {
    rasterizeChart([{ label: "好", value: 0.5, text: "50.0%" }]); // fonts loaded once
    const bars = Array.from({ length: 12 }, () => ({
      label: "形".repeat(2000),
      value: 0.5,
      text: "50.0%",
    }));
    const started = performance.now();
    rasterizeChart(bars, { widthPx: 600 });
    expect(performance.now() - started).toBeLessThan(6000);
  }, 120_000);
});
