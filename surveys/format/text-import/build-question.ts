// Turns one read question into a survey question: its kind, option codes and flags, its maximum.
import type { Option, Question } from "../schema.ts";
import type { DraftQuestion, DraftSection } from "./drafts.ts";
import { readOptionFlags } from "./option-flags.ts";
import { MESSAGES } from "./problems.ts";
import { isLongAnswer, looksLikeQuestion, readChoiceHint } from "./question-hints.ts";

type Report = (line: number, message: string) => void;

export const SHORT_TEXT_MAX = 200;
export const LONG_TEXT_MAX = 2000;
const OTHER_TEXT_MAX = 200;

export function buildQuestion(
  q: DraftQuestion,
  section: DraftSection,
  code: string,
  report: Report,
): Question {
  const base = { code, text: q.text, required: q.options.length > 0 };
  if (q.options.length === 0) {
    const silent = q.blank.lines === 0 && q.blank.chars === 0;
    if (silent && !looksLikeQuestion(q.norm)) report(q.line, MESSAGES.notAQuestion);
    return isLongAnswer(q.norm, q.blank)
      ? { ...base, kind: "longText", maxLength: LONG_TEXT_MAX }
      : { ...base, kind: "shortText", maxLength: SHORT_TEXT_MAX };
  }
  if (q.options.length === 1) report(q.line, MESSAGES.oneOption);
  const options = buildOptions(q, report);
  // The question's own words first; else its section's heading ("二、多选题（每题最多选3项）").
  const hint = readChoiceHint(q.norm) ?? readChoiceHint(section.norm);
  if (!hint?.multiple) return { ...base, kind: "single", options };
  const max = hint.maxSelections;
  if (max !== undefined && max > options.length)
    report(q.line, MESSAGES.tooManyMax(max, options.length));
  return max !== undefined && max <= options.length
    ? { ...base, kind: "multiple", options, maxSelections: max }
    : { ...base, kind: "multiple", options };
}

function buildOptions(q: DraftQuestion, report: Report): Option[] {
  const used = new Set<string>();
  const free = freeCodes(used);
  let hasOther = false;
  return q.options.map((o) => {
    let code = o.letter ?? "";
    if (code === "" || used.has(code)) {
      const next = free();
      if (code !== "") report(o.line, MESSAGES.letterTaken(code, next));
      code = next;
    }
    used.add(code);
    const flags = readOptionFlags(o.text, o.norm);
    const option: Option = { code, label: flags.label };
    if (flags.other && hasOther) report(o.line, MESSAGES.secondOther);
    else if (flags.other) {
      hasOther = true;
      option.other = true;
      option.otherMaxLength = OTHER_TEXT_MAX;
    }
    // The seed's non-answers (不作评价, 不了解): tabulation also shows shares without them.
    if (flags.nonSubstantive) option.nonSubstantive = true;
    return option;
  });
}

/** A, B, … Z, then O27, O28, …: each call the first code no option has yet (`used` only grows). */
function freeCodes(used: ReadonlySet<string>): () => string {
  let i = 0;
  const codeAt = (n: number) => (n < 26 ? String.fromCharCode(65 + n) : `O${n + 1}`);
  return () => {
    while (used.has(codeAt(i))) i++;
    return codeAt(i);
  };
}
