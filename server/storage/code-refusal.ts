// Why a single-use code cannot be used now, the same rule on both engines (read from one row of
// codes ⋈ code_batches ⋈ surveys).
import type { CodeUnavailable } from "./admin-records.ts";

export interface CodeState {
  surveyState: string;
  used: number;
  revoked: number;
  batchState: string;
}

/**
 * A closed survey first: every code of it then answers alike. Checked after "used", an unused code
 * said 已结束收集 and a used one 不能使用, so a slip told whether its holder answered.
 */
export function codeRefusal(row: CodeState): CodeUnavailable | null {
  if (row.surveyState === "closed") return "closed";
  if (row.used === 1) return "used";
  return row.revoked === 1 || row.batchState === "revoked" ? "revoked" : null;
}
