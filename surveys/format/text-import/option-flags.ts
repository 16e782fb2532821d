// What an option's label says about it: 其他（请注明） takes free text; 说不清 and 不作评价 are non-answers.
import { toHalfWidth, trailingRunStart } from "./lines.ts";

/**
 * Non-answers: the seed's 不作评价 and its usual siblings 说不清, 不了解, 不清楚 (the office asked
 * for all four; the seed file itself leaves its 不了解 options unflagged, and the editor may untick
 * one). Tabulation also gives shares without them. Whole labels only: "不清楚反映渠道" is an answer.
 */
const NON_SUBSTANTIVE = new Set([
  "说不清",
  "说不清楚",
  "不作评价",
  "不做评价",
  "不了解",
  "不清楚",
  "不好说",
]);

const OTHER = /^其[他它]/;
const ASKS_FOR_TEXT = /请注明|请说明|请填写|请写明|请列举|请具体/;
/** A blank to write in: underscores, or a dotted or dashed run. */
export const FILL = /_{2,}|\.{4,}|…{2,}|-{4,}|—{2,}/;
/** What a blank to write in is drawn with. */
export const BLANK_CHARS = " _.…-—";

export interface OptionFlags {
  label: string;
  other: boolean;
  nonSubstantive: boolean;
}

/** Cleans the label (blanks and a trailing colon go) and reads its flags. */
export function readOptionFlags(text: string, norm: string): OptionFlags {
  const fill = FILL.test(norm) || /[:]\s*$/.test(norm);
  let end = trailingRunStart(norm, BLANK_CHARS);
  if (norm[end - 1] === ":") end -= 1;
  const label = text.slice(0, end).trim() || text.trim();
  const core = toHalfWidth(label).replace(/[\s.,;:!?。、()]/g, "");
  const other = OTHER.test(core) && (fill || ASKS_FOR_TEXT.test(core));
  return { label, other, nonSubstantive: NON_SUBSTANTIVE.has(core) };
}
