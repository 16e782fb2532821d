// What each download of the second survey must hold, cell by cell, built from patient-plan.ts's
// plain-loop counts: the XLSX question sheets and raw sheet, the CSV records, the report tables.
import {
  COLUMNS,
  type FileQuestion,
  type HandRow,
  handRows,
  handValidBases,
  headingOf,
  hiddenIn,
  hiddenRow,
  K,
  markOf,
  membersOf,
  PLAN,
  QUESTIONS,
  type Reason,
  sees,
  shareText,
  tenths,
  textsListed,
} from "./patient-plan.ts";

type Value = string | number | null;

/** The workbook's 说明 for a hidden row, in the words of the other downloads' notes. */
const noteOf = (reason: Reason): string | null =>
  reason === null
    ? null
    : reason === "complementary"
      ? "为避免通过相减推算出人数较少组别的结果，按规定不予发布"
      : `回答人数少于 ${K} 人，按规定不予发布`;
const NOT_SHOWN_BASE = "未显示的基数（该列全部人数）";

const shownBase = (q: FileQuestion, c: string) => membersOf(c).filter((p) => sees(p, q)).length;
const reasonOf = (q: FileQuestion, row: HandRow, c: string): Reason =>
  hiddenRow(q.code, row.key) ?? hiddenIn(q.code, c);

export const choiceQuestions = QUESTIONS.filter(
  (q) => q.kind === "single" || q.kind === "multiple",
);

/** The valid base's label in the survey's own words. */
export function validLabel(q: FileQuestion): string {
  const names = (q.options ?? []).filter((o) => o.nonSubstantive).map((o) => `“${o.label}”`);
  return `有效基数（不含${names.join("、")}及未作答）`;
}

/** A question sheet from its header row down to its base rows. */
export function expectedSheet(q: FileQuestion): Value[][] {
  const valid = handValidBases(q);
  const width = valid ? 3 : 2;
  const head: Value[] = ["选项"];
  for (const c of COLUMNS)
    head.push(headingOf(q.code, c, shownBase(q, c.key)), ...Array(width - 1).fill(null));
  const sub: Value[] = [
    null,
    ...COLUMNS.flatMap(() => (valid ? ["人数", "占比", "有效占比"] : ["人数", "占比"])),
  ];
  const rows = handRows(q).map((row) => [
    row.label,
    ...COLUMNS.flatMap((c, i): Value[] => {
      const reason = reasonOf(q, row, c.key);
      const { count, base } = row.cells[i] ?? { count: 0, base: 0 };
      // The workbook leaves hidden figures and the shares of an empty column blank; the
      // column's heading says why.
      if (reason) return Array(width).fill(null);
      if (base === 0) return [0, ...Array(width - 1).fill(null)];
      const validBase = valid?.[i] ?? 0;
      const validShare =
        valid && row.kind === "option" && !row.nonSubstantive && validBase > 0
          ? tenths(count, validBase) / 1000
          : null;
      return [count, tenths(count, base) / 1000, ...(valid ? [validShare] : [])];
    }),
  ]);
  const baseRow = (label: string, base: (c: string, i: number) => number) => [
    label,
    ...COLUMNS.flatMap((c, i) => {
      const reason = hiddenIn(q.code, c.key);
      return [reason ? null : base(c.key, i), ...Array(width - 1).fill(null)];
    }),
  ];
  const bases = [baseRow("基数（看到该题的人数）", (c) => shownBase(q, c))];
  if (valid) bases.push(baseRow(validLabel(q), (_, i) => valid[i] ?? 0));
  if (q.showIf) bases.push(baseRow(NOT_SHOWN_BASE, (c) => membersOf(c).length));
  // A hidden row's reason goes in a last 说明 column, which only such a table has.
  const notes = handRows(q).map((row) => noteOf(hiddenRow(q.code, row.key)));
  if (notes.every((note) => note === null)) return [head, sub, ...rows, ...bases];
  return [
    [...head, "说明"],
    [...sub, null],
    ...rows.map((row, r) => [...row, notes[r] ?? null]),
    ...bases.map((row) => [...row, null]),
  ];
}

/** Every table record of the CSV (texts and notes aside), as strings. */
export function expectedCsvRecords(): string[][] {
  const records: string[][] = [];
  const text = (v: number | string | null) => (v === null ? "" : String(v));
  for (const q of QUESTIONS) {
    const valid = handValidBases(q);
    for (const row of handRows(q))
      COLUMNS.forEach((c, i) => {
        const { count, base } = row.cells[i] ?? { count: 0, base: 0 };
        const reason = reasonOf(q, row, c.key);
        const columnReason = hiddenIn(q.code, c.key);
        const hasValid = valid !== null && row.kind !== "notShown";
        const validBase = hasValid ? (valid?.[i] ?? null) : null;
        let figures: (number | string | null)[];
        if (columnReason) {
          const m = markOf(columnReason);
          figures = [m, m, m, hasValid ? m : null, hasValid ? m : null];
        } else if (reason)
          figures = [
            base,
            markOf(reason),
            markOf(reason),
            validBase,
            hasValid ? markOf(reason) : null,
          ];
        else if (base === 0) figures = [0, 0, null, validBase, null];
        else {
          const validPoints =
            hasValid && row.kind === "option" && !row.nonSubstantive && validBase
              ? tenths(count, validBase) / 10
              : null;
          figures = [base, count, tenths(count, base) / 10, validBase, validPoints];
        }
        records.push([q.code, q.text, row.label, c.label, ...figures.map(text), ""]);
      });
  }
  return records;
}

/** The Word and printable tables: head, body and base rows, as text. */
export function expectedReportTable(q: FileQuestion): string[][] {
  const head = ["选项", ...COLUMNS.map((c) => headingOf(q.code, c, shownBase(q, c.key)))];
  const body = handRows(q).map((row) => [
    row.label,
    ...COLUMNS.map((c, i) => {
      const reason = reasonOf(q, row, c.key);
      const { count, base } = row.cells[i] ?? { count: 0, base: 0 };
      if (reason) return markOf(reason);
      return base === 0 ? "—" : `${count}（${shareText(count, base)}）`;
    }),
  ]);
  const baseRow = (label: string, base: (c: string) => number) => [
    label,
    ...COLUMNS.map((c) => {
      const reason = hiddenIn(q.code, c.key);
      return reason ? markOf(reason) : String(base(c.key));
    }),
  ];
  const foot = [baseRow("基数", (c) => shownBase(q, c))];
  if (q.showIf) foot.push(baseRow(NOT_SHOWN_BASE, (c) => membersOf(c).length));
  return [head, ...body, ...foot];
}

/** The raw sheet's rows (序号 left out), sorted: only shown categories, withheld where hidden. */
export function expectedRawRows(): Value[][] {
  const WITHHELD = "（不显示）";
  const labels = (q: FileQuestion, codes: string[]) =>
    codes.map((code) => q.options?.find((o) => o.code === code)?.label ?? code);
  const rows = PLAN.filter((p) => hiddenIn("dept", String(p.answers.dept)) === null).map((p) => {
    const dept = String(p.answers.dept);
    const label = COLUMNS.find((c) => c.key === dept)?.label ?? dept;
    const cells: Value[] = [dept, label];
    const others: Value[] = [];
    for (const q of QUESTIONS) {
      const hasOther = (q.options ?? []).some((o) => o.other);
      const hidden = hiddenIn(q.code, dept) !== null;
      const isChoice = q.kind === "single" || q.kind === "multiple";
      const value = sees(p, q) ? p.answers[q.code] : undefined;
      if (hidden) {
        cells.push(WITHHELD, ...(isChoice ? [WITHHELD] : []));
        if (hasOther) others.push(WITHHELD);
        continue;
      }
      if (!isChoice) {
        cells.push(
          value === undefined ? null : textsListed(q.code, dept) ? String(value) : WITHHELD,
        );
        continue;
      }
      // Stored in survey order, whatever order the phone sent them in.
      const order = (code: string) => q.options?.findIndex((o) => o.code === code) ?? 0;
      const codes = (value === undefined ? [] : [value].flat()).sort((a, b) => order(a) - order(b));
      cells.push(codes.join(";") || null, labels(q, codes).join("；") || null);
      if (hasOther) {
        const note = p.otherText[q.code];
        others.push(note === undefined ? null : textsListed(q.code, dept) ? note : WITHHELD);
      }
    }
    return [...cells, ...others];
  });
  return sortRows(rows);
}

export const sortRows = (rows: Value[][]) =>
  rows
    .map((r) => JSON.stringify(r))
    .sort()
    .map((r) => JSON.parse(r) as Value[]);

/** The raw sheet's header in survey order: codes, labels, then one 其他 column per such question. */
export function expectedRawHeader(): string[] {
  const header = ["序号", "类别代码", "类别"];
  for (const q of QUESTIONS)
    header.push(
      q.code,
      ...(q.kind === "single" || q.kind === "multiple" ? [`${q.code}_标签`] : []),
    );
  for (const q of QUESTIONS)
    if ((q.options ?? []).some((o) => o.other)) header.push(`${q.code}_其他`);
  return header;
}
