// How one cell's value reads as a field: text, yes/no, a whole number, a question type, a display
// condition. Each reader returns a value or a message, never throws; the caller names the cell.
import type { ShowIf } from "../schema.ts";
import type { CellValue } from "./columns.ts";

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = <T>(message: string): Read<T> => ({ ok: false, message });

/** Text as typed; numbers as WPS shows them (a label 10 stored as a number reads "10"). */
export function cellText(value: CellValue): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

export const isBlank = (value: CellValue) => cellText(value).trim() === "";

const YES = new Set(["是", "yes", "y", "true", "1", "√", "✓", "对"]);
const NO = new Set(["否", "no", "n", "false", "0", "×", "不"]);

/** Blank is "not set" (undefined), which a survey file also allows. */
export function readFlag(value: CellValue): Read<boolean | undefined> {
  if (typeof value === "boolean") return ok(value);
  const text = cellText(value).trim().toLowerCase();
  if (text === "") return ok(undefined);
  if (YES.has(text)) return ok(true);
  if (NO.has(text)) return ok(false);
  return bad(`应填“是”或“否”，而不是“${cellText(value)}”`);
}

export function readWhole(value: CellValue): Read<number | undefined> {
  const text = cellText(value).trim();
  if (text === "") return ok(undefined);
  const number = typeof value === "number" ? value : Number(text);
  if (!Number.isInteger(number) || !/^\s*\d+(\.0+)?\s*$/.test(String(text)))
    return bad(`应填整数，而不是“${text}”`);
  return ok(number);
}

export type RowType =
  | "section"
  | "single"
  | "multiple"
  | "shortText"
  | "longText"
  | "matrix"
  | "matrixRow";

const TYPES: Record<string, RowType> = {
  section: "section",
  部分: "section",
  single: "single",
  单选: "single",
  multiple: "multiple",
  多选: "multiple",
  shorttext: "shortText",
  填空: "shortText",
  longtext: "longText",
  简答: "longText",
  问答: "longText",
  matrix: "matrix",
  矩阵: "matrix",
  matrixrow: "matrixRow",
  matrix_row: "matrixRow",
  矩阵行: "matrixRow",
};

export function readType(value: CellValue): Read<RowType> {
  const text = cellText(value).trim();
  const type = TYPES[text.toLowerCase()] ?? TYPES[text.replace(/题$/, "")];
  return type ? ok(type) : bad(`未知题型“${text}”：可填 ${Object.keys(TYPES).join("、")}`);
}

const CONDITION =
  /^\s*([A-Za-z][A-Za-z0-9_-]*)\s*(=|＝|==|includes|包含)\s*([A-Za-z][A-Za-z0-9_-]*)\s*$/i;

/** "Q3 = B" (single choice) or "Q5 includes C" (multiple choice). */
export function readShowIf(value: CellValue): Read<ShowIf | undefined> {
  const text = cellText(value).trim();
  if (text === "") return ok(undefined);
  const match = CONDITION.exec(text);
  if (!match) return bad(`显示条件应写成“Q3 = B”或“Q5 includes C”，而不是“${text}”`);
  const [, question = "", operator = "", option = ""] = match;
  const includes = /includes|包含/i.test(operator);
  return ok(includes ? { question, includes: option } : { question, equals: option });
}

export function writeShowIf(showIf: ShowIf): string {
  return showIf.includes !== undefined
    ? `${showIf.question} includes ${showIf.includes}`
    : `${showIf.question} = ${showIf.equals ?? ""}`;
}

/** Written "是"/"否"; an unset flag stays blank, so a file that never said "false" stays so. */
export const writeFlag = (flag: boolean | undefined): string | null =>
  flag === undefined ? null : flag ? "是" : "否";
