// The printable page inlines the bar chart's SVG unescaped: the builder itself must keep every
// survey text (an author's label, an index's aspect) as text, whatever it contains.
import { describe, expect, it } from "vitest";
import { barChartSvg } from "../../../server/export/charts/bar-chart-svg.ts";

const HOSTILE = [
  "</text></svg><script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "' onload='alert(1)",
  "&lt;b&gt; & <![CDATA[x]]> <!-- -->",
];

describe("bar chart SVG", () => {
  it("prints hostile labels, figures and titles as text, never as markup", () => {
    const svg = barChartSvg(
      HOSTILE.map((label, i) => ({ label, value: (i + 1) / 10, text: label })),
      { title: HOSTILE[0] },
    );
    // Every tag is one the chart draws, with no event handler; the rest is escaped text.
    const tags = svg.match(/<[^>]*>/g) ?? [];
    for (const tag of tags) {
      expect(tag).toMatch(/^<\/?(svg|g|text|rect|line|tspan|title)\b/);
      expect(tag).not.toMatch(/\son\w+=/i);
    }
    expect(svg.replace(/<[^>]*>/g, "")).not.toMatch(/[<>]/);
    // Exactly one svg element, closed once, and every text element balanced.
    expect(svg.match(/<svg\b/g)).toHaveLength(1);
    expect(svg.match(/<\/svg>/g)).toHaveLength(1);
    expect(svg.match(/<text\b/g)?.length).toBe(svg.match(/<\/text>/g)?.length);
    expect(svg).not.toMatch(/style=/);
  });
});
