// The most frequent words in free-text answers, for the text questions' keyword lists.
import stopwordsIso from "stopwords-iso/stopwords-iso.json" with { type: "json" };

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

const HAN = /^\p{Script=Han}$/u;
const HAS_LETTER = /\p{L}/u;

/**
 * Whether a segment is worth counting. A lone Han character can be the point (累, 贵, 难), but a
 * lone Latin letter or digit is noise; numbers and symbols say nothing on their own.
 */
function isKeyword(word: string): boolean {
  if (STOP_WORDS.has(word) || !HAS_LETTER.test(word)) return false;
  return [...word].length > 1 || HAN.test(word);
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
  for (const { text, count } of texts) {
    if (count <= 0) continue;
    for (const { segment, isWordLike } of segmenter.segment(text)) {
      if (!isWordLike) continue;
      const word = segment.toLowerCase();
      if (isKeyword(word)) counts.set(word, (counts.get(word) ?? 0) + count);
    }
  }
  return [...counts]
    .map(([word, count]) => ({ word, count }))
    .sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0))
    .slice(0, Math.max(0, limit));
}
