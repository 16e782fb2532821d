// A question row's index cells (指标名称, 指标方面, 计为正面的选项, 指标基数) → the question's
// index, with each mistake named at its cell in Chinese before the schema sees it.
import type { Index } from "../schema.ts";
import { cellText, type Read } from "./cell-values.ts";
import type { CellValue } from "./columns.ts";

type Values = Record<string, CellValue>;
type At = (column: string, message: string) => void;
type Raw = Record<string, unknown>;

const BASES: Record<string, Index["base"]> = {
  valid: "valid",
  有效: "valid",
  有效回答: "valid",
  shown: "shown",
  全部: "shown",
  全部被调查者: "shown",
};

/** Blank: the schema's default (valid). */
export function readIndexBase(value: CellValue): Read<Index["base"] | undefined> {
  const text = cellText(value).trim();
  if (text === "") return { ok: true, value: undefined };
  const base = BASES[text.toLowerCase()];
  if (base) return { ok: true, value: base };
  return { ok: false, message: `指标基数应填 valid（有效回答）或 shown（全部），而不是“${text}”` };
}

/** "A,B", "A，B", "A、B" or "A B": option codes in the order typed. */
export const splitCodes = (value: CellValue): string[] =>
  cellText(value)
    .split(/[\s,，、;；]+/)
    .filter((code) => code !== "");

export const writeCodes = (codes: readonly string[]): string => codes.join(",");

interface Question {
  kind: "single" | "matrix";
  category: boolean;
  /** The options of its list, or undefined when the list is missing (reported elsewhere). */
  options: Raw[] | undefined;
}

const codeOf = (option: Raw) => (typeof option.code === "string" ? option.code : "");
const labelOf = (option: Raw) => (typeof option.label === "string" ? option.label : "");
const named = (option: Raw) => `${codeOf(option)}（${labelOf(option)}）`;

function checkPositive(codes: string[], options: Raw[], at: At): void {
  const seen = new Set<string>();
  for (const code of codes) {
    const option = options.find((o) => codeOf(o) === code);
    if (!option)
      at(
        "indexPositive",
        `这道题的选项中没有编码“${code}”：可填 ${options.map(codeOf).join("、")}`,
      );
    else if (option.nonSubstantive === true)
      at("indexPositive", `${named(option)}是不作评价类选项，不能计为正面`);
    if (seen.has(code)) at("indexPositive", `“${code}”重复了`);
    seen.add(code);
  }
  const substantive = options.filter((o) => o.nonSubstantive !== true && o.other !== true);
  if (substantive.length > 0 && substantive.every((o) => seen.has(codeOf(o))))
    at(
      "indexPositive",
      `全部实质选项（${substantive.map(codeOf).join("、")}）都计为正面，指标总是 100%：请只填其中几项`,
    );
}

/** Undefined when the row declares no index (all four cells blank). */
export function readIndex(values: Values, question: Question, at: At): Raw | undefined {
  const name = cellText(values.indexName ?? null).trim();
  const aspect = cellText(values.indexAspect ?? null).trim();
  const positive = splitCodes(values.indexPositive ?? null);
  const baseCell = values.indexBase ?? null;
  if (name === "" && aspect === "" && positive.length === 0 && cellText(baseCell).trim() === "")
    return undefined;
  if (question.category) at("indexName", "类别题用来区分被调查者，不计算指标：请清空指标各格");
  if (name === "") at("indexName", "缺少指标名称（如 满意率）：不计算指标就清空指标各格");
  if (question.kind === "matrix" && aspect !== "")
    at("indexAspect", "矩阵题的各行以行文字命名，不填指标方面：请清空");
  if (positive.length === 0)
    at("indexPositive", "缺少计为正面的选项：填选项编码，用逗号分开，如 A,B");
  else if (question.options) checkPositive(positive, question.options, at);
  const base = readIndexBase(baseCell);
  if (!base.ok) at("indexBase", base.message);
  const index: Raw = {};
  if (name !== "") index.name = name;
  if (aspect !== "") index.aspect = aspect;
  index.positive = positive;
  if (base.ok && base.value !== undefined) index.base = base.value;
  return index;
}
