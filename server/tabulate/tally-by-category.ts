// Tallies the unfiltered category banner from the long table's clustered index: one GROUP BY pass
// plus small range scans, instead of parsing every stored response.
import { isChoice, isText } from "../../surveys/format/answers.ts";
import type { Survey } from "../../surveys/format/schema.ts";
import type { ResultsStore } from "../storage/results-store.ts";
import { countedQuestions } from "./question-kinds/registry.ts";
import {
  addToCategory,
  type Banner,
  bannerColumns,
  emptyTally,
  optionCounts,
  type Tally,
  textCounts,
} from "./tally.ts";

export async function tallyByCategory(
  storage: ResultsStore,
  versionId: number,
  survey: Survey,
  banner: Banner,
  ordinalOf: (responseId: string) => number,
): Promise<Tally> {
  const columns = bannerColumns(banner);
  const tally = emptyTally(survey, columns);
  const width = columns.length;
  const columnIndex = new Map(columns.map((c, i) => [c.key, i]));
  // Each count lands in its category's column and in 全体; a retired category counts nowhere.
  const add = (perColumn: number[], category: string, n: number) => {
    const column = columnIndex.get(category);
    if (column === undefined) return;
    perColumn[0]! += n;
    perColumn[column]! += n;
  };

  for (const [category, ids] of await storage.categoryMembers(versionId)) {
    const column = columnIndex.get(category);
    if (column === undefined) continue;
    for (const id of ids) {
      const ordinal = ordinalOf(id);
      tally.members[0]!.push(ordinal);
      tally.members[column]!.push(ordinal);
      addToCategory(tally, category, ordinal);
    }
  }
  for (let c = 0; c < width; c++) tally.n[c] = tally.members[c]!.length;

  for (const [question, category, option, n] of await storage.countOptions(versionId)) {
    const counts = tally.questions.get(question);
    if (counts) add(optionCounts(counts, option, width), category, n);
  }

  for (const q of countedQuestions(survey)) {
    const counts = tally.questions.get(q.code)!;
    if (q.kind === "single" && q.category) {
      // Locked links hide the question but fix the answer: count the stored categories.
      counts.options.clear();
      for (const o of q.options) optionCounts(counts, o.code, width);
      for (let c = 1; c < width; c++) {
        const key = columns[c]!.key;
        optionCounts(counts, key, width)[c] = tally.n[c]!;
        optionCounts(counts, key, width)[0] = tally.n[c]!;
      }
      counts.seen = [...tally.n];
      counts.answered = [...tally.n];
      continue;
    }
    if (q.showIf) {
      const shown = tally.seenMembers.get(q.code)!;
      const option = q.showIf.equals ?? q.showIf.includes ?? "";
      for (const [category, ids] of await storage.optionMembers(
        versionId,
        q.showIf.question,
        option,
      )) {
        const column = columnIndex.get(category);
        if (column === undefined) continue;
        for (const id of ids) {
          const ordinal = ordinalOf(id);
          shown[0]!.push(ordinal);
          shown[column]!.push(ordinal);
        }
      }
      counts.seen = shown.map((members) => members.length);
    } else counts.seen = [...tally.n];

    if (q.kind === "single") counts.answered = sumOptions(counts.options, width);
    else if (isText(q)) counts.answered = [...(counts.options.get("") ?? counts.answered)];
    else if (q.required)
      counts.answered = [...counts.seen]; // the server refused unanswered ones
    else
      for (const { category, n } of await storage.answeredPerCategory(versionId, q.code))
        add(counts.answered, category, n);

    const textOptions = isChoice(q) ? q.options.filter((o) => o.other).map((o) => o.code) : [""];
    for (const option of textOptions) {
      const texts = textCounts(counts, option, width);
      for (const [category, counted] of await storage.optionTexts(versionId, q.code, option)) {
        const column = columnIndex.get(category);
        if (column === undefined) continue;
        texts[column] = counted;
        const all = texts[0]!;
        for (const [text, n] of counted) all.set(text, (all.get(text) ?? 0) + n);
      }
    }
  }
  tally.days = await storage.responseDays(versionId);
  return tally;
}

function sumOptions(options: Map<string, number[]>, width: number): number[] {
  const sums = new Array<number>(width).fill(0);
  for (const counts of options.values()) for (let c = 0; c < width; c++) sums[c]! += counts[c]!;
  return sums;
}
