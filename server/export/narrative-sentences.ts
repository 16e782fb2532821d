// The report's sentences for one question and one column; a hidden figure is named, never estimated.
import type { QuestionTable, Row, Tabulation } from "../tabulate/results-schemas.ts";
import {
  describeHiddenReason,
  type Figure,
  figureOf,
  hiddenReasonOf,
  shownBase,
  shownValidBase,
} from "./figure-text.ts";
import { describeTextGroup } from "./text-groups.ts";

/** Quotes inside quotes become ‘’, as Chinese typesetting nests them: “‘四风’问题…”. */
const quote = (text: string) => `“${text.replace(/“/g, "‘").replace(/”/g, "’")}”`;

/** “其他（请注明）” reads as “其他” in a sentence. */
const nameOption = (row: Row) => quote(row.label.replace(/\s*[（(]请注明[)）]\s*$/, ""));

/** A share that is not printed; a hidden row (a category under k) also says why. */
function withheldShare(row: Row, lead: string, k: number): string {
  const why = row.hidden ? `（${describeHiddenReason(row.hidden, k)}）` : "";
  return `${lead}${nameOption(row)}的占比按规定不予发布${why}`;
}

type Shown = Extract<Figure, { kind: "shown" }>;
const shown = (q: QuestionTable, row: Row, tab: Tabulation, i: number): Shown | null => {
  const figure = figureOf(q, row, tab, i);
  return figure.kind === "shown" ? figure : null;
};

function describeShares(q: QuestionTable, tab: Tabulation, i: number, rows: Row[]): string {
  return rows
    .map((row, n) => {
      const lead = n === 0 ? "选择" : "";
      const figure = shown(q, row, tab, i);
      return figure
        ? `${lead}${nameOption(row)}的占 ${figure.share}`
        : withheldShare(row, lead, tab.minBase);
    })
    .join("，");
}

function describeValidShares(q: QuestionTable, tab: Tabulation, i: number): string {
  const k = tab.minBase;
  if (shownValidBase(q, i) === null) return "";
  const excluded = q.rows.filter((r) => r.kind === "option" && r.nonSubstantive);
  const counted = q.rows.filter((r) => r.kind === "option" && !r.nonSubstantive);
  if (excluded.length === 0 || counted.length === 0) return "";
  const parts = counted.map((row, n) => {
    const lead = n === 0 ? "选择" : "";
    const share = shown(q, row, tab, i)?.valid?.share ?? null;
    return share === null ? withheldShare(row, lead, k) : `${lead}${nameOption(row)}的占 ${share}`;
  });
  const names = excluded.map(nameOption).join("、");
  return `（不含${names}，${parts.join("，")}）`;
}

function describeSingle(q: QuestionTable, tab: Tabulation, i: number): string {
  const options = q.rows.filter((r) => r.kind === "option");
  const body = describeShares(q, tab, i, options);
  // Non-answers are mentioned only when there are some, so the shares visibly add up.
  const rest = q.rows
    .filter((r) => r.kind === "unanswered")
    .flatMap((row) => {
      const figure = shown(q, row, tab, i);
      return figure && figure.count > 0 ? [`，${row.label}的占 ${figure.share}`] : [];
    });
  return `${body}${rest.join("")}${describeValidShares(q, tab, i)}。`;
}

function describeMultiple(
  q: QuestionTable,
  tab: Tabulation,
  i: number,
  phrase: string | undefined,
): string {
  return q.rows
    .filter((r) => r.kind === "option")
    .map((row) => {
      const option = nameOption(row);
      const said = phrase ? `认为${option}${phrase}` : `在${quote(q.text)}中选择了${option}`;
      const share = shown(q, row, tab, i)?.share ?? null;
      return share === null
        ? `${said}的被调查者比例按规定不予发布。`
        : `${share} 的被调查者${said}。`;
    })
    .join("");
}

/** One paragraph for column i of a choice question: 全体 opens with the question, groups with “其中”. */
export function describeColumn(
  q: QuestionTable,
  tab: Tabulation,
  i: number,
  phrase: string | undefined,
): string {
  const k = tab.minBase;
  const label = tab.columns[i]?.label ?? "";
  const base = shownBase(q, i);
  if (base === null) {
    return `${label}：${describeHiddenReason(hiddenReasonOf(q, i), k)}，按规定不予发布。`;
  }
  // Said, not skipped: a reader counting the groups should find every one of them.
  if (base === 0) return `${label}：无人作答，没有占比。`;
  // A grid's row is a single choice about one item: “对‘X’，选择‘好’的占 42.1%”.
  const single = q.kind === "single" || q.kind === "matrix";
  const body = single ? describeSingle(q, tab, i) : describeMultiple(q, tab, i, phrase);
  if (i === 0 && q.kind === "matrix") return `对${quote(q.text)}，${body}`;
  if (i === 0) return single ? `在${quote(q.text)}的选项中，${body}` : body;
  return `其中，${label}（n=${base}）中，${body}`;
}

/** Text questions: how many answers, and the words that come up most. */
export function describeTextAnswers(q: QuestionTable, tab: Tabulation): string {
  const totalKey = tab.columns[0]?.key;
  const group = q.texts.find((g) => g.column === totalKey);
  const described = group ? describeTextGroup(q, group, tab) : null;
  if (!described || described.withheld !== null) {
    const why = described?.withheld ?? "没有可列出的回答。";
    return `${quote(q.text)}的文字回答不予列出：${why}`;
  }
  const answers = described.texts.reduce((sum, t) => sum + t.count, 0);
  const words = (q.keywords ?? []).slice(0, 5).map((w) => `${quote(w.word)}（${w.count} 次）`);
  const often = words.length > 0 ? `，出现较多的词语有：${words.join("、")}` : "";
  return `${quote(q.text)}共收到 ${answers} 条文字回答${often}。`;
}
