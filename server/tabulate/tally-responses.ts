// Tallies any selection (filters, any single-choice banner) in one pass over the stored responses.
import { answerOf, isVisible } from "../../surveys/format/answers.ts";
import type { Survey } from "../../surveys/format/schema.ts";
import type { StoredResponse } from "../storage/results-store.ts";
import { parseStoredRows } from "../storage/stored-rows.ts";
import { chosenOptions, countedQuestions } from "./question-kinds/registry.ts";
import { answersOfRows } from "./stored-rows.ts";
import {
  addToCategory,
  type Banner,
  bannerColumns,
  emptyTally,
  NO_BANNER_ANSWER,
  optionCounts,
  type Tally,
  textCounts,
} from "./tally.ts";

/** `responses`: a store's stream (read in bounded chunks), or a list. */
export async function tallyResponses(
  survey: Survey,
  banner: Banner,
  responses: AsyncIterable<StoredResponse> | Iterable<StoredResponse>,
  ordinalOf: (responseId: string) => number,
): Promise<Tally> {
  const columns = bannerColumns(banner);
  const tally = emptyTally(survey, columns);
  const width = columns.length;
  const columnIndex = new Map(columns.map((c, i) => [c.key, i]));
  const questions = countedQuestions(survey);
  let first: string | null = null;
  let last: string | null = null;

  for await (const response of responses) {
    const parsed = parseStoredRows(response.answers);
    const answers = answersOfRows(survey, parsed);
    const bannerValue = banner.isCategory
      ? response.category
      : answerOf(answers, banner.question.code);
    const column =
      (typeof bannerValue === "string" ? columnIndex.get(bannerValue) : undefined) ??
      columnIndex.get(NO_BANNER_ANSWER);
    if (column === undefined) continue; // a category no longer offered: counted nowhere
    const at = [0, column];
    const ordinal = ordinalOf(response.id);
    for (const c of at) {
      tally.n[c]! += 1;
      tally.members[c]!.push(ordinal);
    }
    addToCategory(tally, response.category, ordinal);
    if (first === null || response.day < first) first = response.day;
    if (last === null || response.day > last) last = response.day;

    for (const q of questions) {
      const counts = tally.questions.get(q.code)!;
      // The category question is answered for everyone: by the respondent, or by a locked link.
      const isCategory = q.kind === "single" && q.category === true;
      if (!isCategory && !isVisible(q, answers)) continue;
      for (const c of at) counts.seen[c]! += 1;
      tally.seenMembers.get(q.code)?.[column]?.push(ordinal);
      tally.seenMembers.get(q.code)?.[0]?.push(ordinal);
      const value = isCategory ? response.category : answerOf(answers, q.code);
      if (value === undefined) continue;
      for (const c of at) counts.answered[c]! += 1;
      for (const option of chosenOptions(q, value)) {
        const perColumn = optionCounts(counts, option, width);
        for (const c of at) perColumn[c]! += 1;
      }
    }
    for (const [question, option, text] of parsed) {
      if (text === null) continue;
      const perColumn = textCounts(tally.questions.get(question)!, option, width);
      for (const c of at) perColumn[c]!.set(text, (perColumn[c]!.get(text) ?? 0) + 1);
    }
  }
  tally.days = first !== null && last !== null ? { first, last } : null;
  return tally;
}
