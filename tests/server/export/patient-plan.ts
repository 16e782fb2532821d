// The second survey's 80 planned responses, and what any table of them must say, by plain loops
// over the plan: nothing here imports the server's tally, rounding or disclosure code.
import { readFileSync } from "node:fs";

export const SURVEY_ID = "patient-satisfaction";
export const SURVEY_DIR = "tests/fixtures/surveys/second";
export const K = 3;
const HOSPITAL = "某县人民医院";

interface FileOption {
  code: string;
  label: string;
  nonSubstantive?: boolean;
  other?: boolean;
}
export interface FileQuestion {
  code: string;
  kind: "single" | "multiple" | "shortText" | "longText";
  text: string;
  required?: boolean;
  category?: boolean;
  showIf?: { question: string; equals: string };
  options?: FileOption[];
}

/** The survey file as written, with {{hospital}} filled in by hand. */
export const QUESTIONS: FileQuestion[] = (
  JSON.parse(readFileSync(`${SURVEY_DIR}/patient-satisfaction.json`, "utf8")) as {
    sections: { questions: FileQuestion[] }[];
  }
).sections.flatMap((s) =>
  s.questions.map((q) => ({ ...q, text: q.text.replaceAll("{{hospital}}", HOSPITAL) })),
);
export const question = (code: string): FileQuestion => {
  const found = QUESTIONS.find((q) => q.code === code);
  if (!found) throw new Error(`no ${code}`);
  return found;
};

export interface Planned {
  channel: "门诊楼" | "住院部";
  answers: Record<string, string | string[]>;
  otherText: Record<string, string>;
}

const IMPROVE_TEXTS = ["停车难", "挂号排队长", "指示牌不清"];
const NURSING_TEXTS = ["夜班人手少", "换药不及时"];

/** 内科 40, 外科 34, 儿科 2 (under k), 妇产科 4 (hidden to protect 儿科), 中医科 none. */
function deptOf(i: number): string {
  if (i < 40) return "NK";
  if (i < 74) return "WK";
  return i < 76 ? "EK" : "FK";
}

/** i·7 mod 80 runs through 0…79 once: exactly 23 of 80 are 非常满意 (28.75 %, an exact half). */
function overallOf(i: number): string {
  const r = (i * 7) % 80;
  const cuts: [number, string][] = [
    [23, "S5"],
    [45, "S4"],
    [60, "S3"],
    [66, "S2"],
    [69, "S1"],
    [75, "U"],
  ];
  return cuts.find(([below]) => r < below)?.[1] ?? "V";
}

/** In hospital: 2 of 内科 (so that table hides 内科), 20 of 外科, 1 of 妇产科. */
const stays = (i: number) => i < 2 || (i >= 40 && i < 60) || i === 76;

function plan(i: number): Planned {
  const answers: Record<string, string | string[]> = {
    mode: i % 3 === 0 ? "ER" : "OP",
    dept: deptOf(i),
    overall: overallOf(i),
    stay: stays(i) ? "Y" : "N",
  };
  const otherText: Record<string, string> = {};
  if (stays(i) && i % 5 !== 4) {
    const nursing = ["G", "M", "B", "O"][i % 4] ?? "G";
    answers.nursing = nursing;
    if (nursing === "O") otherText.nursing = NURSING_TEXTS[i % 2] ?? "";
  }
  const improve = [["WAIT"], ["WAIT", "ATT"], ["FEE", "OTH"], [], ["ENV", "WAIT"], ["OTH"]][i % 6];
  if (improve && improve.length > 0) answers.improve = improve;
  if (improve?.includes("OTH")) otherText.improve = IMPROVE_TEXTS[i % 3] ?? "";
  if (i % 4 === 0) answers.remarks = `建议${i % 8 === 0 ? "增加自助机" : "延长药房时间"}`;
  return { channel: i % 2 === 0 ? "门诊楼" : "住院部", answers, otherText };
}

export const PLAN: Planned[] = Array.from({ length: 80 }, (_, i) => plan(i));

/** Columns of the category banner: 全体, then the categories in survey order. */
export const COLUMNS = [
  { key: "_total", label: "全体" },
  ...(question("dept").options ?? []).map((o) => ({ key: o.code, label: o.label })),
];

export type Reason = "small" | "complementary" | null;
/** Stated by hand from the plan above, not asked of the server. */
const HIDDEN_COLUMNS: Record<string, Reason> = { EK: "small", FK: "complementary" };
/** 住院 shown to 2 内科 patients only: that table hides 内科 as well. */
const HIDDEN_IN: Record<string, Record<string, Reason>> = { nursing: { NK: "small" } };

export function hiddenIn(code: string, column: string): Reason {
  return HIDDEN_IN[code]?.[column] ?? HIDDEN_COLUMNS[column] ?? null;
}
/** The category question's rows are hidden like its columns. */
export const hiddenRow = (code: string, row: string): Reason =>
  code === "dept" ? (HIDDEN_COLUMNS[row] ?? null) : null;

export const membersOf = (column: string) =>
  column === "_total" ? PLAN : PLAN.filter((p) => p.answers.dept === column);

export const sees = (p: Planned, q: FileQuestion) =>
  !q.showIf || p.answers[q.showIf.question] === q.showIf.equals;

const picked = (p: Planned, code: string): string[] => {
  const value = p.answers[code];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};

export interface HandRow {
  /** The option code, or "_answered", "_unanswered", "_notShown". */
  key: string;
  label: string;
  kind: "option" | "unanswered" | "notShown";
  nonSubstantive: boolean;
  /** Per column: the count and the base it is a share of. */
  cells: { count: number; base: number }[];
}

/** A question's rows as every table lists them, counted in plain loops. */
export function handRows(q: FileQuestion): HandRow[] {
  const seen = (c: string) => membersOf(c).filter((p) => sees(p, q));
  const answered = (p: Planned) => picked(p, q.code).length > 0;
  const rows: HandRow[] = [];
  const options = q.options ?? [];
  const row = (
    key: string,
    label: string,
    kind: HandRow["kind"],
    count: (c: string) => number,
    base: (c: string) => number,
    nonSubstantive = false,
  ) => {
    const cells = COLUMNS.map((c) => ({ count: count(c.key), base: base(c.key) }));
    rows.push({ key, label, kind, nonSubstantive, cells });
  };
  const isText = q.kind === "shortText" || q.kind === "longText";
  const shownTo = (c: string) => seen(c).length;
  if (isText) row("_answered", "已作答", "option", (c) => seen(c).filter(answered).length, shownTo);
  for (const o of options) {
    const chose = (c: string) => seen(c).filter((p) => picked(p, q.code).includes(o.code)).length;
    row(o.code, o.label, "option", chose, shownTo, o.nonSubstantive === true);
  }
  const unanswered = (c: string) => seen(c).filter((p) => !answered(p)).length;
  if (isText || !q.required || unanswered("_total") > 0)
    row("_unanswered", "未作答", "unanswered", unanswered, shownTo);
  if (q.showIf) {
    const everyone = (c: string) => membersOf(c).length;
    row("_notShown", "未显示", "notShown", (c) => everyone(c) - shownTo(c), everyone);
  }
  return rows;
}

/** Answered minus non-substantive answers, per column; null without such options. */
export function handValidBases(q: FileQuestion): number[] | null {
  const excluded = (q.options ?? []).filter((o) => o.nonSubstantive).map((o) => o.code);
  if (q.kind !== "single" || excluded.length === 0) return null;
  return COLUMNS.map(
    (c) =>
      membersOf(c.key).filter(
        (p) => sees(p, q) && picked(p, q.code).some((v) => !excluded.includes(v)),
      ).length,
  );
}

/** Half up on the exact fraction, in tenths of a percent, by long division: 23/80 → 288. */
export function tenths(count: number, base: number): number {
  const whole = Math.floor((count * 1000) / base);
  const rest = count * 1000 - whole * base;
  return rest * 2 >= base ? whole + 1 : whole;
}
export const shareText = (count: number, base: number) => {
  const t = tenths(count, base);
  return `${Math.floor(t / 10)}.${t % 10}%`;
};

/** What a hidden figure says: "<3" for a group under k, "不显示" for one hidden to protect another. */
export const markOf = (reason: Reason) => (reason === "complementary" ? "不显示" : `<${K}`);

/** A column's header in every table: its base, or why it has none. */
export function headingOf(code: string, column: { key: string; label: string }, base: number) {
  const reason = hiddenIn(code, column.key);
  if (reason === "small") return `${column.label}（人数少于${K}，不显示）`;
  if (reason === "complementary") return `${column.label}（为保护其他组而不显示）`;
  return base === 0 ? `${column.label}（无人作答）` : `${column.label}（n=${base}）`;
}

/** Texts of the groups whose lists the tables show (groups of at least 10 shown the question). */
export const textsListed = (code: string, column: string) =>
  hiddenIn(code, column) === null &&
  membersOf(column).filter((p) => sees(p, question(code))).length >= 10;
