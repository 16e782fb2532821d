// Attack 4: a respondent's text built to make the keyword scan slow, or to put into the report's
// keyword sentence ("出现较多的词语有：…") a single character, a number, a bidi control, or a word
// that one person repeated to the top of the list.
import { describe, expect, it } from "vitest";
import { topKeywords } from "../../../server/tabulate/keywords.ts";

/** Units repeated up to 5,000 code points: the longest a text question takes. */
const fill = (unit: string, max = 5000) => {
  const n = Math.floor(max / [...unit].length);
  return unit.repeat(n);
};

const HOSTILE: Record<string, string> = {
  terms: fill("形式主义"),
  overlapping: fill("形式主义形式主义官僚主义全面从严治党"),
  prefixes: fill("形式主"),
  combining: fill("e\u0301\u0302\u0303\u0304"),
  emoji: fill("👨‍👩‍👧‍👦"),
  mixed: fill("形式主义😀e\u0301四风"),
  cjk: fill("问题建议希望领导干部作风"),
  latin: fill("abc "),
  bidi: fill("\u202e形式"),
};

describe("attack 4: hostile texts in the keyword scan", () => {
  it("one answer set of 5,000-character texts scans in well under half a second (25 ms each when the machine is quiet)", () => {
    const worst: [string, number][] = [];
    for (const [name, text] of Object.entries(HOSTILE)) {
      topKeywords([{ text, count: 1 }]); // warm
      const started = performance.now();
      topKeywords([{ text, count: 1 }]);
      worst.push([name, performance.now() - started]);
    }
    // Two text questions per answer set in the seed: the two slowest kinds together.
    const sorted = worst.map(([, ms]) => ms).sort((a, b) => b - a);
    expect((sorted[0] ?? 0) + (sorted[1] ?? 0), JSON.stringify(worst)).toBeLessThan(400);
  });

  it("no keyword is a single visible character, a number, or carries a control or bidi character", () => {
    const words = topKeywords(
      [
        "工号A12345的同志，1e5、0x1F、3rd",
        "a\u0301 e\u0301 o\u0308 很好",
        "形式\u202e主义\u200f问题",
        fill("e\u0301\u0302", 600),
      ].map((text) => ({ text, count: 1 })),
      50,
    ).map((w) => w.word);
    const graphemes = (w: string) =>
      [...new Intl.Segmenter("zh", { granularity: "grapheme" }).segment(w)].length;
    expect({
      oneCharacter: words.filter((w) => graphemes(w) < 2),
      digits: words.filter((w) => /\d/.test(w)),
      formatControls: words.filter((w) => /\p{Cf}/u.test(w)).map((w) => JSON.stringify(w)),
      overLong: words.filter((w) => w.length > 40).map((w) => w.length),
    }).toEqual({ oneCharacter: [], digits: [], formatControls: [], overLong: [] });
  });

  it("one respondent repeating a word cannot outvote twenty who each wrote another", () => {
    const honest = Array.from({ length: 20 }, (_, i) => ({
      text: `形式主义问题比较突出，希望整改${i}`,
      count: 1,
    }));
    const stuffed = { text: fill("张三受贿 "), count: 1 };
    const words = topKeywords([...honest, stuffed], 50);
    expect(words.find((w) => w.word === "形式主义")?.count).toBe(20);
    const stuffedWords = words.filter((w) => /张三|受贿/.test(w.word));
    expect(stuffedWords.length).toBeGreaterThan(0);
    expect(stuffedWords.every((w) => w.count === 1)).toBe(true);
    expect(words[0]?.count).toBe(20);
  });
});
