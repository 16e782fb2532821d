// The most frequent words in free-text answers, for the text questions' keyword lists.
import stopwordsIso from "stopwords-iso/stopwords-iso.json" with { type: "json" };
import { KEYWORD_TERMS } from "./keyword-terms.ts";

// One segmenter for the process: building it loads ICU's word dictionary.
const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

/**
 * Words that fill survey answers without saying what the answer is about: degree adverbs and
 * light verbs missing from the generic list. 建议, 问题 and 希望 stay: they can be the topic.
 */
const SURVEY_FILLERS = [
  "比较",
  "进一步",
  "没有",
  "太",
  "挺",
  "非常",
  "有点",
  "一下",
  "更加",
  "进行",
];

const STOP_WORDS: ReadonlySet<string> = new Set([...stopwordsIso.zh, ...SURVEY_FILLERS]);

/** Longest first, so 全面从严治党 is taken whole before any shorter term inside it could be. */
const TERMS = new RegExp(
  [...KEYWORD_TERMS]
    .sort((a, b) => b.length - a.length)
    .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("|"),
  "g",
);

/**
 * A bare number, in figures or in Chinese, with at most an ordinal, a 百分之 and one measure word:
 * 12388, 第一, 一个, 35起, 百分之九十 (which ICU cuts into 百分|之九十). A count says nothing of
 * what an answer is about; 一线, 一把手 and 十八大 are words, not numbers, and stay.
 */
const NUMBER =
  /^(?:第|百分之|之)?[0-9０-９.．零〇一二两三四五六七八九十百千万亿]+[个次项条种件起人年月日号位名岁份分%％]?$/u;

const HAS_LETTER = /\p{L}/u;
/** Digits anywhere (工号 a12345, 1e5, 3rd) or invisible format marks (U+202E turns a sentence around). */
const UNPRINTABLE = /[\p{Nd}\p{Cf}\p{Cc}]/u;
/** Longer than any real term (全面从严治党 is 6): a 600-mark run of accents is not a word. */
const MAX_KEYWORD_CHARACTERS = 12;
const COMBINING = /\p{M}/u;
const graphemes = new Intl.Segmenter("zh", { granularity: "grapheme" });
const characterCount = (word: string) => [...graphemes.segment(word)].length;

/**
 * Whether a segment is worth counting: a word of two characters or more that is neither a stop
 * word nor a number. A lone character (执, 纪, 减, 负) is mostly a piece of a longer term the
 * segmenter cut up; printed in a report's sentence it reads as a mistake, not a topic. Characters
 * are what a reader sees: á (a + accent) is one.
 */
function isKeyword(word: string): boolean {
  if (STOP_WORDS.has(word) || !HAS_LETTER.test(word) || NUMBER.test(word)) return false;
  if (UNPRINTABLE.test(word)) return false;
  const points = [...word].length;
  // Only a word with combining marks needs the (slower) grapheme count; none is shorter in marks.
  if (!COMBINING.test(word)) return points > 1 && points <= MAX_KEYWORD_CHARACTERS;
  if (points > MAX_KEYWORD_CHARACTERS * 4) return false;
  const characters = characterCount(word);
  return characters > 1 && characters <= MAX_KEYWORD_CHARACTERS;
}

/**
 * Counts words over texts grouped with their frequency, so each text counts `count` times.
 * Ties are broken by code point, not by locale collation, so the order is the same everywhere.
 */
export function topKeywords(
  texts: { text: string; count: number }[],
  limit = 20,
): { word: string; count: number }[] {
  const counts = new Map<string, number>();
  const add = (word: string, count: number) => counts.set(word, (counts.get(word) ?? 0) + count);
  for (const { text, count } of texts) {
    if (count <= 0) continue;
    // Each word once per answer: one respondent repeating 张三受贿 a thousand times is one voice,
    // and must not outrank twenty who each wrote 形式主义.
    const words = new Set<string>();
    // Terms first, and blanked out, so 形式主义 is not counted again as 形式 and 主义.
    const rest = text.replace(TERMS, (term) => {
      words.add(term);
      return " ";
    });
    for (const { segment, isWordLike } of segmenter.segment(rest)) {
      if (!isWordLike) continue;
      const word = segment.toLowerCase();
      if (isKeyword(word)) words.add(word);
    }
    for (const word of words) add(word, count);
  }
  return [...counts]
    .map(([word, count]) => ({ word, count }))
    .sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0))
    .slice(0, Math.max(0, limit));
}
