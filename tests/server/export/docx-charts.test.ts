// The report's bar charts: the SVG carries the table's own figures, resvg draws it to PNG with the
// Chinese labels, and without a Chinese font it draws bars and figures but no tofu.
import { execFileSync } from "node:child_process";
import { Resvg } from "@resvg/resvg-js";
import { PNG } from "pngjs";
import { beforeAll, describe, expect, it } from "vitest";
import { barChartSvg } from "../../../server/export/charts/bar-chart-svg.ts";
import { questionBars } from "../../../server/export/charts/question-bars.ts";
import {
  canDrawChinese,
  NO_CJK_FONT_WARNING,
  rasterizeChart,
} from "../../../server/export/charts/rasterize-chart.ts";
import type { ExportInput } from "../../../server/export/export-input.ts";
import { buildReportTable } from "../../../server/export/report-table.ts";
import { buildExportInput } from "./tabulation-fixture.ts";

const BARS = [
  { label: "好", value: 0.421, text: "42.1%" },
  { label: "较好 <b>&", value: 0.316, text: "31.6%" },
  { label: "落实“两个维护”、强化“四个意识”方面做得很好的单位", value: 1.4, text: "100.0%" },
];

/** Dark grey pixels (text; the bars are blue) in columns [from, to) of the PNG, as a share of its width. */
function textInk(png: Buffer, from: number, to: number): number {
  const image = PNG.sync.read(png);
  let dark = 0;
  for (let y = 0; y < image.height; y++)
    for (let x = Math.floor(from * image.width); x < Math.floor(to * image.width); x++) {
      const i = (y * image.width + x) * 4;
      const [r, g, b] = [image.data[i] ?? 255, image.data[i + 1] ?? 255, image.data[i + 2] ?? 255];
      // Grey and darker than the axis line (#888): text, or the boxes of missing glyphs.
      if (r < 120 && Math.max(r, g, b) - Math.min(r, g, b) < 24) dark++;
    }
  return dark;
}

let input: ExportInput;
beforeAll(() => {
  input = buildExportInput();
});

describe("barChartSvg", () => {
  it("prints each bar's figure as given and escapes the labels", () => {
    const svg = barChartSvg(BARS, { title: "满意率" });
    for (const text of ["42.1%", "31.6%", "100.0%", "满意率", "较好 &lt;b&gt;&amp;"])
      expect(svg).toContain(text);
    expect(svg).not.toContain("<b>");
  });

  it("draws bar lengths in proportion, a value over 1 as a full bar", () => {
    const widths = [...barChartSvg(BARS).matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)]
      .map((m) => Number(m[1]))
      .filter((w) => w < 590);
    expect(widths).toHaveLength(3);
    const [good, fair, full] = widths as [number, number, number];
    expect(good / full).toBeCloseTo(0.421, 2);
    expect(fair / full).toBeCloseTo(0.316, 2);
  });
});

describe("questionBars", () => {
  it("labels each bar with the share the 全体 column of the table prints", () => {
    const tab = input.tabulation;
    const choice = tab.questions.filter((q) => q.kind === "single" || q.kind === "matrix");
    expect(choice.length).toBeGreaterThan(0);
    for (const q of choice) {
      const table = buildReportTable(q, tab);
      for (const bar of questionBars(q, tab)) {
        const row = table.body.find((cells) => cells[0] === bar.label);
        expect(row?.[1], `${q.code} ${bar.label}`).toMatch(new RegExp(`（${bar.text}）$`));
        expect(bar.value).toBeCloseTo(Number.parseFloat(bar.text) / 100, 6);
      }
    }
  });
});

describe("rasterizeChart", () => {
  it("draws the Chinese labels where a Chinese font is installed", () => {
    expect(canDrawChinese()).toBe(true);
    const image = rasterizeChart(BARS);
    expect(image.warning).toBeNull();
    expect(PNG.sync.read(image.png).width).toBe(image.width * 2);
    // The labels stand in the left third.
    expect(textInk(image.png, 0, 0.3)).toBeGreaterThan(200);
  });

  it("leaves the labels out and says how to fix it when there is no Chinese font", () => {
    // A server with Latin fonts only (fontconfig always brings one, e.g. fonts-dejavu-core).
    const latin = latinOnlyFont();
    const fonts = { loadSystemFonts: false, fontFiles: [latin] };
    expect(canDrawChinese(fonts)).toBe(false);
    const image = rasterizeChart(BARS, { title: "满意率" }, fonts);
    expect(image.warning).toBe(NO_CJK_FONT_WARNING);
    expect(image.warning).toContain("fonts-wqy-microhei");
    // Unguarded, the same chart prints a row of missing-glyph boxes for each label.
    const tofu = new Resvg(barChartSvg(BARS), { font: fonts, fitTo: { mode: "zoom", value: 2 } });
    expect(textInk(tofu.render().asPng(), 0, 0.4)).toBeGreaterThan(500);
    // Guarded: the bars and their figures, nothing where the labels would have been.
    expect(textInk(image.png, 0, 0.2)).toBe(0);
    expect(textInk(image.png, 0.2, 1)).toBeGreaterThan(100);
  });
});

/** A font file with Latin glyphs and no Chinese ones, as fontconfig lists them. */
function latinOnlyFont(): string {
  const files = (lang: string) =>
    new Set(
      execFileSync("fc-list", [`:lang=${lang}`, "file"], { encoding: "utf8" })
        .split("\n")
        .map((line) => line.replace(/:\s*$/, "").trim())
        .filter((f) => /\.(ttf|otf)$/i.test(f)),
    );
  const chinese = files("zh");
  const latin = [...files("en")].find((f) => !chinese.has(f) && /sans/i.test(f));
  if (!latin) throw new Error("no Latin-only sans font: apt-get install fonts-dejavu-core");
  return latin;
}
