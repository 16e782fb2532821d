// Keyword counts over grouped free-text answers, on real Chinese sentences as Node 20's ICU
// segments them.
import { describe, expect, it } from "vitest";
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

  it("drops stop words, survey fillers and punctuation", () => {
    const words = topKeywords([
      { text: "希望领导多下基层，了解一线的实际困难。", count: 2 },
      { text: "我们的工作还有一些问题，网速太慢了", count: 1 },
      { text: "食堂饭菜的质量有待提高，价格比较贵", count: 1 },
    ]).map((k) => k.word);
    for (const dropped of ["的", "了", "，", "。", "我们", "一些", "还有", "多", "比较"]) {
      expect(words).not.toContain(dropped);
    }
    for (const kept of ["希望", "领导", "基层", "困难", "问题", "食堂", "提高", "贵"]) {
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
