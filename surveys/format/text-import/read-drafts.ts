// Walks the lines once, top to bottom, placing each as title, intro, section, question, option or
// blank; every non-empty line it cannot place becomes a problem, never silently dropped.
import type { Draft, DraftQuestion, DraftSection } from "./drafts.ts";
import { emptyBlank } from "./drafts.ts";
import { type Line, trailingRunStart } from "./lines.ts";
import { isSectionHeading, readQuestionNumber } from "./numbering.ts";
import { BLANK_CHARS, FILL } from "./option-flags.ts";
import { readOptions, splitInlineOptions } from "./options.ts";
import { MESSAGES, type TextProblem } from "./problems.ts";

/** A line that is only a blank to write in, maybe after "答：". */
// Linear on purpose: "\s*:?\s*[…\s]{3,}" let three runs share the same spaces, and a line of
// 2,000 spaces then took seconds to refuse (n³ backtracking) while every submission waited.
const FILL_LINE = /^(?:答案?|回答|意见|建议|填写)?(?:\s*:)?[_.…\-—\s]{3,}$/;

/** "问卷到此结束，谢谢您的参与！": a survey has no place for it; the phone page thanks on its own. */
const CLOSING = /谢谢|感谢|问卷到此结束|问卷结束/;

export const UNSECTIONED = "问卷题目";

export function readDrafts(lines: readonly Line[]): { draft: Draft; problems: TextProblem[] } {
  const draft: Draft = { intro: [], sections: [] };
  const problems: TextProblem[] = [];
  const report = (line: number, message: string) => problems.push({ line, message });
  let section: DraftSection | undefined;
  let question: DraftQuestion | undefined;
  let lastNumber = 0;

  const startSection = (line: number, title: string, norm: string) => {
    section = { line, title, norm, description: [], questions: [] };
    draft.sections.push(section);
    question = undefined;
  };

  for (const line of lines) {
    if (line.norm === "") {
      if (question && question.options.length === 0) question.blank.empty += 1;
      if (question) question.open = false;
      continue;
    }
    const numbered = readQuestionNumber(line);
    const heading = !numbered && isSectionHeading(line);
    if (!draft.title) {
      if (!numbered && !heading) {
        draft.title = { line: line.no, text: line.text };
        continue;
      }
      draft.title = { line: 0, text: "未命名问卷" };
      report(line.no, MESSAGES.noTitle);
    }
    if (heading) {
      startSection(line.no, line.text, line.norm);
      continue;
    }
    if (numbered) {
      if (!section) startSection(0, UNSECTIONED, "");
      if (numbered.number !== 1 && numbered.number > lastNumber + 1)
        report(line.no, MESSAGES.numberSkipped(lastNumber + 1, numbered.number));
      lastNumber = numbered.number;
      const { question: words, options } = splitInlineOptions(numbered.rest);
      const blank = emptyBlank();
      // A blank at the end of the question's own line: "…是什么？________".
      const tail = trailingRunStart(words.norm, BLANK_CHARS);
      const fill = FILL.test(words.norm.slice(tail));
      const cut = fill ? tail : words.norm.length;
      if (fill) blank.chars += words.norm.length - cut;
      question = {
        line: line.no,
        number: numbered.number,
        text: words.text.slice(0, cut).trim(),
        norm: words.norm.slice(0, cut).trim(),
        options: options.map((o) => ({ ...o, line: line.no })),
        blank,
        open: options.length === 0 && !fill,
      };
      section?.questions.push(question);
      continue;
    }
    const options = readOptions(line);
    if (options) {
      if (!question) report(line.no, MESSAGES.optionWithoutQuestion);
      else {
        question.options.push(...options.map((o) => ({ ...o, line: line.no })));
        question.open = false;
      }
      continue;
    }
    if (FILL_LINE.test(line.norm)) {
      const last = question?.options.at(-1);
      if (question && question.options.length === 0) {
        question.blank.lines += 1;
        question.blank.chars += line.norm.replace(/[^_.…\-—]/g, "").length;
        question.open = false;
      } else if (last && /^其[他它]/.test(last.norm)) {
        // "其他（请注明）" with its blank on the next line.
        last.norm += "____";
      } else report(line.no, MESSAGES.fillWithoutQuestion);
      continue;
    }
    if (question?.open) {
      question.text += line.text;
      question.norm += line.norm;
    } else if (!section) draft.intro.push(line.text);
    else if (section.questions.length === 0) section.description.push(line.text);
    else report(line.no, CLOSING.test(line.norm) ? MESSAGES.closing : MESSAGES.unplaced);
  }
  return { draft, problems };
}
