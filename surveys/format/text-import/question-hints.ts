// What a question's own words say about it: multiple choice and its maximum, a long answer, the category.
import { readNumber } from "./numbering.ts";

export interface ChoiceHint {
  multiple: boolean;
  maxSelections?: number;
}

const N = "(\\d{1,2}|[一二两三四五六七八九十]{1,3})";
/** "最多选三项", "限选2项", "不超过3项", "选两项": the number is the most one may choose. */
const MAXIMUM = new RegExp(
  `(?:最多|至多|限|不超过|只能|可|请)?选(?:择)?\\s*${N}\\s*(?:项|个|条)|不超过\\s*${N}\\s*(?:项|个|条)`,
);
const MULTIPLE = /多选|多项选择|限选|最多选|至多选/;
const SINGLE = /单选|单项选择/;

/** undefined when the text says nothing either way (a section heading then decides). */
export function readChoiceHint(norm: string): ChoiceHint | undefined {
  const m = MAXIMUM.exec(norm);
  const max = m ? readNumber(m[1] ?? m[2] ?? "") : undefined;
  if (SINGLE.test(norm) || max === 1) return { multiple: false };
  if (max !== undefined) return { multiple: true, maxSelections: max };
  if (MULTIPLE.test(norm)) return { multiple: true };
  return undefined;
}

/** Open questions asking for opinions get room for a paragraph. */
const ASKS_FOR_MUCH = /建议|意见|请写出|请谈谈|请简述|请具体说明/;
/** One line of this many blank characters is already a paragraph's room. */
const LONG_BLANK = 60;

export interface Blank {
  /** Lines of underscores after the question. */
  lines: number;
  /** Blank characters in all, on the question's line and after it. */
  chars: number;
  /** Empty lines after the question, before the next thing. */
  empty: number;
}

export function isLongAnswer(norm: string, blank: Blank): boolean {
  return (
    ASKS_FOR_MUCH.test(norm) || blank.lines >= 2 || blank.empty >= 3 || blank.chars >= LONG_BLANK
  );
}

/** The respondent-category question: 您的身份, 您属于, 身份类别, 人员类别. */
const CATEGORY = /您的身份|您属于|身份类别|人员类别|您的类别/;

export const looksLikeCategory = (norm: string) => CATEGORY.test(norm);

/** Words a question has; a numbered line with none of them and no blank is likely not one. */
const ASKING = /[?]|吗|什么|哪|如何|怎么|多少|是否|请|您|建议|意见/;

export const looksLikeQuestion = (norm: string) => ASKING.test(norm);
