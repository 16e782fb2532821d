// What publishing a draft changes against the current version, question by question: pure, so
// the console and the tests read the same list. Sentences come from diff-sentences.ts.
import { describeChange } from "./diff-sentences.ts";
import { type IndexShape, indexWords, sameIndex } from "./index-shape.ts";
import type { Item, QuestionShape, SurveyShape } from "./survey-shape.ts";

export type ChangeKind =
  | "survey.retitled"
  | "survey.variables"
  | "survey.minBase"
  | "question.added"
  | "question.removed"
  | "question.reworded"
  | "question.kindChanged"
  | "question.moved"
  | "question.rulesChanged"
  | "option.added"
  | "option.removed"
  | "option.reworded"
  | "row.added"
  | "row.removed"
  | "row.reworded"
  | "index.added"
  | "index.removed"
  | "index.changed"
  | "index.renamed";

/** One difference, before it is put into words. */
export interface RawChange {
  kind: ChangeKind;
  question?: QuestionShape;
  item?: Item;
  before?: string;
  after?: string;
}

export interface SurveyChange {
  kind: ChangeKind;
  /** Question code, when the change is about a question or its options or rows. */
  question: string | null;
  /** Option or row code. */
  item: string | null;
  before: string | null;
  after: string | null;
  /** What changed, e.g. Q7 的选项 B：“较好” → “比较好”. */
  description: string;
  /** What it means for comparing results across versions. */
  meaning: string;
}

function compareItems(
  question: QuestionShape,
  before: Item[],
  after: Item[],
  kind: "option" | "row",
): RawChange[] {
  const old = new Map(before.map((i) => [i.code, i]));
  const now = new Map(after.map((i) => [i.code, i]));
  const changes: RawChange[] = [];
  for (const item of before)
    if (!now.has(item.code)) changes.push({ kind: `${kind}.removed`, question, item });
  for (const item of after) {
    const was = old.get(item.code);
    if (!was) changes.push({ kind: `${kind}.added`, question, item });
    else if (was.label !== item.label)
      changes.push({
        kind: `${kind}.reworded`,
        question,
        item,
        before: was.label,
        after: item.label,
      });
  }
  return changes;
}

function compareQuestion(was: QuestionShape, now: QuestionShape): RawChange[] {
  const changes: RawChange[] = [];
  const question = now;
  if (was.kind !== now.kind)
    changes.push({ kind: "question.kindChanged", question, before: was.kind, after: now.kind });
  if (was.text !== now.text)
    changes.push({ kind: "question.reworded", question, before: was.text, after: now.text });
  if (was.sectionCode !== now.sectionCode)
    changes.push({
      kind: "question.moved",
      question,
      before: was.sectionTitle,
      after: now.sectionTitle,
    });
  if (was.rules !== now.rules) changes.push({ kind: "question.rulesChanged", question });
  changes.push(...compareItems(question, was.options, now.options, "option"));
  changes.push(...compareItems(question, was.rows, now.rows, "row"));
  changes.push(...compareIndex(was, now));
  return changes;
}

/** Worded with each version's own option labels: 满意率（好、较好）. */
function compareIndex(was: QuestionShape | null, now: QuestionShape): RawChange[] {
  const before = was?.index ?? null;
  const after = now.index;
  if (sameIndex(before, after)) return [];
  const words = (q: QuestionShape, index: IndexShape) =>
    indexWords(index, q.options, q.kind === "matrix");
  const question = now;
  if (!was || !before)
    return after ? [{ kind: "index.added", question, after: words(now, after) }] : [];
  if (!after) return [{ kind: "index.removed", question, before: words(was, before) }];
  // Same options counted over the same base: only what the report calls it changed.
  const renamed = before.base === after.base && before.positive.join() === after.positive.join();
  return [
    {
      kind: renamed ? "index.renamed" : "index.changed",
      question,
      before: words(was, before),
      after: words(now, after),
    },
  ];
}

/** Every difference between the current version and the draft, in the draft's order. */
export function diffSurveys(current: SurveyShape, draft: SurveyShape): SurveyChange[] {
  const raw: RawChange[] = [];
  if (current.title !== draft.title)
    raw.push({ kind: "survey.retitled", before: current.title, after: draft.title });
  if (current.variables !== draft.variables)
    raw.push({ kind: "survey.variables", before: current.variables, after: draft.variables });
  if (current.minBase !== draft.minBase)
    raw.push({
      kind: "survey.minBase",
      before: String(current.minBase ?? ""),
      after: String(draft.minBase ?? ""),
    });
  const old = new Map(current.questions.map((q) => [q.code, q]));
  const kept = new Set(draft.questions.map((q) => q.code));
  for (const question of current.questions)
    if (!kept.has(question.code)) raw.push({ kind: "question.removed", question });
  for (const question of draft.questions) {
    const was = old.get(question.code);
    raw.push(
      ...(was
        ? compareQuestion(was, question)
        : [{ kind: "question.added" as const, question }, ...compareIndex(null, question)]),
    );
  }
  return raw.map(describeChange);
}
