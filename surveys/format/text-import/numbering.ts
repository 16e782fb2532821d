// Recognises section headings (一、 第一部分) and question numbers (1. 1、 （1） 1) 第1题).
import { type Line, sliceLine } from "./lines.ts";

const DIGITS: Record<string, number> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** "3", "三", "十", "十二", "二十" → a number; anything else → undefined. */
export function readNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === "") return undefined;
  const [, tens, ten, units] = m;
  if (!ten) return tens && !units ? DIGITS[tens] : undefined;
  return (tens ? (DIGITS[tens] ?? 0) : 1) * 10 + (units ? (DIGITS[units] ?? 0) : 0);
}

const CN = "[一二三四五六七八九十]{1,3}";
const SECTION = new RegExp(
  `^(?:${CN}\\s*[、.]|第(?:${CN}|\\d{1,2})\\s*(?:部分|章|节)|\\(${CN}\\))`,
);

/** A section heading keeps its whole line as the title, "一、基本情况" as printed. */
export function isSectionHeading(line: Line): boolean {
  return SECTION.test(line.norm);
}

const QUESTION = /^(?:\((\d{1,3})\)|(\d{1,3})\s*(?:[.、)](?!\d))|第(\d{1,3})题\s*[.、:]?)\s*/;

export interface NumberedLine {
  number: number;
  /** What follows the number on the same line (maybe empty: the text is on the next line). */
  rest: { text: string; norm: string };
}

export function readQuestionNumber(line: Line): NumberedLine | undefined {
  const m = QUESTION.exec(line.norm);
  if (!m) return undefined;
  return { number: Number(m[1] ?? m[2] ?? m[3]), rest: sliceLine(line, m[0].length) };
}
