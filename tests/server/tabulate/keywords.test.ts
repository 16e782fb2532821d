// Keyword counts over grouped free-text answers, on real Chinese sentences as Node 20's ICU
// segments them, and on the seed report's own sentences (tests/fixtures/keywords/seed-answers.txt).
import { readFileSync } from "node:fs";
import stopwordsIso from "stopwords-iso/stopwords-iso.json" with { type: "json" };
import { describe, expect, it } from "vitest";
import { KEYWORD_TERMS } from "../../../server/tabulate/keyword-terms.ts";
import { topKeywords } from "../../../server/tabulate/keywords.ts";

const answers = [
  { text: "加强监督，改进作风。", count: 3 },
  { text: "加强干部队伍建设", count: 1 },
];

describe("topKeywords", () => {
  it("weights each text's words by its count and orders by count, then word", () => {
    expect(topKeywords(answers)).toEqual([
      { word: "加强", count: 4 },
      { word: "作风", count: 3 },
      { word: "改进", count: 3 },
      { word: "监督", count: 3 },
      { word: "干部", count: 1 },
      { word: "建设", count: 1 },
      { word: "队伍", count: 1 },
    ]);
  });

  it("drops stop words, survey fillers, punctuation and one-character words", () => {
    const words = topKeywords([
      { text: "希望领导多下基层，了解一线的实际困难。", count: 2 },
      { text: "我们的工作还有一些问题，网速太慢了", count: 1 },
      { text: "食堂饭菜的质量有待提高，价格比较贵", count: 1 },
    ]).map((k) => k.word);
    for (const dropped of [
      "的",
      "了",
      "，",
      "。",
      "我们",
      "一些",
      "还有",
      "多",
      "比较",
      "贵",
      "慢",
    ]) {
      expect(words).not.toContain(dropped);
    }
    for (const kept of ["希望", "领导", "基层", "困难", "问题", "食堂", "提高", "价格"]) {
      expect(words).toContain(kept);
    }
  });

  it("lowercases Latin words and drops numbers and lone letters", () => {
    const keywords = topKeywords([
      { text: "OA系统2024年就该升级", count: 1 },
      { text: "oa 系统太慢", count: 2 },
      { text: "C语言和Python 3 培训", count: 1 },
    ]);
    expect(keywords).toContainEqual({ word: "oa", count: 3 });
    expect(keywords).toContainEqual({ word: "系统", count: 3 });
    expect(keywords).toContainEqual({ word: "python", count: 1 });
    const words = keywords.map((k) => k.word);
    for (const dropped of ["OA", "2024", "3", "c", "C"]) expect(words).not.toContain(dropped);
  });

  it("leaves out numbers, in figures or in Chinese, and the pieces ICU cuts terms into", () => {
    const words = topKeywords([
      { text: "有问题打12388电话反映，一个两个三个，第一次，百分之九十", count: 1 },
      { text: "监督执纪问责，为基层减负，减轻负担", count: 1 },
    ]).map((k) => k.word);
    expect(words).toEqual([
      "减负",
      "减轻",
      "反映",
      "基层",
      "执纪问责",
      "电话",
      "监督",
      "负担",
      "问题",
    ]);
  });

  it("gives the same order whatever the order of the texts", () => {
    const texts = [
      { text: "改进作风", count: 2 },
      { text: "加强监督", count: 2 },
      { text: "队伍建设", count: 2 },
    ];
    const forward = topKeywords(texts);
    expect(topKeywords([...texts].reverse())).toEqual(forward);
    expect(forward.map((k) => k.word)).toEqual(["作风", "加强", "建设", "改进", "监督", "队伍"]);
  });

  it("returns at most limit words", () => {
    expect(topKeywords(answers, 2)).toEqual([
      { word: "加强", count: 4 },
      { word: "作风", count: 3 },
    ]);
    expect(topKeywords(answers, 0)).toEqual([]);
    expect(topKeywords(answers, 100)).toHaveLength(7);
  });

  it("returns nothing for no texts, blank texts or zero counts", () => {
    expect(topKeywords([])).toEqual([]);
    expect(topKeywords([{ text: "  ，。！", count: 5 }])).toEqual([]);
    expect(topKeywords([{ text: "加强监督", count: 0 }])).toEqual([]);
  });
});

/** The seed report's first part, one sentence a line, as answers of one respondent each. */
const seedText = readFileSync("tests/fixtures/keywords/seed-answers.txt", "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "" && !line.startsWith("#"));
const seedAnswers = seedText.map((text) => ({ text, count: 1 }));
const everything = topKeywords(seedAnswers, 10_000);
const countOf = (word: string) => everything.find((k) => k.word === word)?.count ?? 0;
const rankOf = (word: string) => {
  const i = everything.findIndex((k) => k.word === word);
  return i < 0 ? Number.POSITIVE_INFINITY : i;
};

/** How often `part` is written in `text`, counted with a plain loop. */
function occurrences(text: string, part: string): number {
  let n = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) n++;
  return n;
}
/** Answers that write `part`: a word counts once per answer, however often it repeats there. */
const written = (part: string) =>
  seedText.reduce((n, line) => n + Math.min(1, occurrences(line, part)), 0);
/** The same, once every domain term is taken out: what is left for the segmenter to count. */
const writtenOutsideTerms = (part: string) =>
  seedText.reduce((n, line) => {
    let rest = line;
    for (const term of KEYWORD_TERMS) rest = rest.split(term).join(" ");
    return n + Math.min(1, occurrences(rest, part));
  }, 0);

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
const piecesOf = (text: string) =>
  [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);

describe("topKeywords on the seed report's vocabulary", () => {
  const termsInSeed = KEYWORD_TERMS.filter((term) => written(term) > 0);

  it("lists no one-character word, no number and no stop word", () => {
    expect(everything.length).toBeGreaterThan(100);
    const words = everything.map((k) => k.word);
    expect(words.filter((w) => [...w].length < 2)).toEqual([]);
    expect(words.filter((w) => /[0-9０-９]/.test(w))).toEqual([]);
    // The numbers the seed writes in Chinese, as ICU cuts them: 一个, 十八, 第一 …
    const chineseNumbers = [...new Set(seedText.flatMap(piecesOf))].filter((w) =>
      /^第?[零〇一二两三四五六七八九十百千万亿]+[个次项]?$/u.test(w),
    );
    expect(chineseNumbers.length).toBeGreaterThan(0);
    expect(words.filter((w) => chineseNumbers.includes(w))).toEqual([]);
    const stopWords = new Set(stopwordsIso.zh);
    expect(words.filter((w) => stopWords.has(w))).toEqual([]);
  });

  it("counts each domain term whole, once for each answer that writes it", () => {
    expect(termsInSeed.length).toBeGreaterThanOrEqual(10);
    for (const term of termsInSeed)
      expect({ term, count: countOf(term) }).toEqual({ term, count: written(term) });
  });

  it("does not count a term's pieces from inside it: 形式主义 is not also 形式 and 主义", () => {
    for (const term of termsInSeed) {
      for (const piece of piecesOf(term).filter((p) => p !== term && [...p].length > 1)) {
        expect({ term, piece, count: countOf(piece) }).toEqual({
          term,
          piece,
          count: Math.min(countOf(piece), writtenOutsideTerms(piece)),
        });
      }
    }
    expect(written("形式主义")).toBeGreaterThan(0);
    expect(rankOf("形式主义")).toBeLessThan(rankOf("形式"));
    expect(rankOf("形式主义")).toBeLessThan(rankOf("主义"));
  });

  it("lists the answers' most written term (among the 20 a report prints), above every piece of it", () => {
    const [top] = [...termsInSeed].sort((a, b) => written(b) - written(a));
    if (!top) throw new Error("the seed answers use no domain term");
    expect(rankOf(top)).toBeLessThan(20);
    for (const piece of piecesOf(top).filter((p) => p !== top))
      expect(rankOf(top)).toBeLessThan(rankOf(piece));
  });
});
