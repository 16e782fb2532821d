// The raw data sheet: one row per response, codes and labels, streamed from the store. Only rows of
// shown categories are listed, and only answers whose tables are shown for that category, so the
// sheet never releases what the tables hide. No id, channel or date: nothing that identifies.
// Rows come in the order of the random response ids: not by category, day, channel or arrival.
import { answerOf, isChoice } from "../../surveys/format/answers.ts";
import type { Survey } from "../../surveys/format/schema.ts";
import type { ResultsStore } from "../storage/results-store.ts";
import { parseStoredRows } from "../storage/stored-rows.ts";
import { countedQuestions } from "../tabulate/question-kinds/registry.ts";
import type { Tabulation } from "../tabulate/results-schemas.ts";
import { answersOfRows } from "../tabulate/stored-rows.ts";
import type { RawTable } from "./export-input.ts";

export interface RawRelease {
  raw: RawTable | null;
  note: string;
}

const WITHHELD = "（不显示）";

/** Responses read per query: each read completes before the writer awaits the socket. */
const CHUNK = 500;

/**
 * Raw rows go only with the unfiltered category banner: the one selection they can follow.
 * `ids`: the released responses the tabulation counted, sorted (taken when it was computed, so a
 * release during a slow download adds no row the tables did not count).
 */
export function rawResponses(
  storage: Pick<ResultsStore, "responsesWithIds">,
  ids: readonly string[],
  survey: Survey,
  t: Tabulation,
  isCategoryBanner: boolean,
): RawRelease {
  const k = t.minBase;
  const filtered =
    t.filters.channels.length > 0 || t.filters.from !== null || t.filters.to !== null;
  if (!isCategoryBanner || filtered)
    return {
      raw: null,
      note: "原始数据只随“按类别、不筛选”的下载提供，以免不同筛选的原始数据相减。",
    };
  const shown = new Map(t.columns.map((column, c) => [column.key, c]));
  const hiddenCategories = t.columns
    .filter((column) => column.hidden)
    .map((column) => column.label);
  // A grid gives one column pair per row ("Q20.r3", "Q20.r3_标签"), like a single choice.
  const questions = countedQuestions(survey);
  const tables = new Map(t.questions.map((table) => [table.code, table]));
  const header = ["序号", "类别代码", "类别"];
  for (const q of questions) header.push(q.code, ...(isChoice(q) ? [`${q.code}_标签`] : []));
  for (const q of questions)
    if (isChoice(q) && q.options.some((o) => o.other)) header.push(`${q.code}_其他`);

  // Bounded reads, never one open iterator: the writer waits for the socket between rows, and
  // an open statement would block every other use of the connection meanwhile.
  async function* stored() {
    for (let start = 0; start < ids.length; start += CHUNK)
      yield* await storage.responsesWithIds(ids.slice(start, start + CHUNK));
  }

  async function* rows(): AsyncGenerator<(string | number | null)[]> {
    let number = 0;
    for await (const response of stored()) {
      const c = shown.get(response.category);
      const column = c === undefined ? undefined : t.columns[c];
      if (c === undefined || !column || column.hidden) continue;
      const parsed = parseStoredRows(response.answers);
      const answers = answersOfRows(survey, parsed);
      const visible = (code: string) => !tables.get(code)?.hidden[c];
      // A text goes in the sheet only where its table lists this group's texts (10 or more, and
      // never a list the differencing check withheld).
      const textShown = (code: string) => Boolean(tables.get(code)?.texts[c]?.texts);
      number += 1;
      const cells: (string | number | null)[] = [number, response.category, column.label];
      const others: (string | null)[] = [];
      for (const q of questions) {
        const value =
          q.kind === "single" && q.category ? response.category : answerOf(answers, q.code);
        const hasOther = isChoice(q) && q.options.some((o) => o.other);
        if (!visible(q.code)) {
          cells.push(WITHHELD, ...(isChoice(q) ? [WITHHELD] : []));
          // Its 其他 cell too: every header has a cell, so no later note slides under a wrong one.
          if (hasOther) others.push(WITHHELD);
          continue;
        }
        if (!isChoice(q)) {
          cells.push(value === undefined ? null : textShown(q.code) ? String(value) : WITHHELD);
          continue;
        }
        const codes = value === undefined ? [] : [value].flat();
        const labels = codes.map((code) => q.options.find((o) => o.code === code)?.label ?? code);
        cells.push(codes.join(";") || null, labels.join("；") || null);
        if (hasOther) {
          const text = parsed.find(([question, , text]) => question === q.code && text !== null);
          others.push(text ? (textShown(q.code) ? text[2] : WITHHELD) : null);
        }
      }
      yield [...cells, ...others];
    }
  }

  const notes = ["每行一份问卷，按随机编号排列，不含提交时间、渠道或任何可识别个人的信息。"];
  if (hiddenCategories.length > 0)
    notes.push(`人数少于 ${k} 的类别（${hiddenCategories.join("、")}）不列入原始数据。`);
  notes.push(`被隐藏的题目答案和少于 ${t.textMinGroup} 人的组的文字回答显示为“${WITHHELD}”。`);
  return { raw: { header, rows: rows() }, note: notes.join("") };
}
