// Single-use codes: how they are made, what a batch request must satisfy, and their URLs.
import { customAlphabet } from "nanoid";
import type { SurveyCatalog } from "../surveys/survey-catalog.ts";
import { categoryCodeProblem } from "../surveys/survey-summary.ts";
import type { NewBatchBody } from "./batch-schemas.ts";

// 22 symbols from 64 = 132 random bits (≥ 128): unguessable, and short enough to type from a slip.
const makeCode = customAlphabet(
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-",
  22,
);

export function newCodes(count: number): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(makeCode());
  return [...codes];
}

export function codeUrl(base: string, code: string): string {
  return `${base}/c/${code}`;
}

/** Accepts a bare code or a pasted slip URL; whatever follows the last "/c/" is the code. */
export function codeFromInput(input: string): string {
  const trimmed = input.trim();
  const at = trimmed.lastIndexOf("/c/");
  return at >= 0 ? trimmed.slice(at + 3) : trimmed;
}

export async function checkBatchRequest(
  catalog: SurveyCatalog,
  body: NewBatchBody,
): Promise<{ field: string; message: string } | null> {
  const version = await catalog.current(body.surveyId);
  if (!version) return { field: "surveyId", message: `没有问卷 "${body.surveyId}"` };
  const category = body.category ?? null;
  const problem = category === null ? null : categoryCodeProblem(version, category);
  return problem ? { field: "category", message: problem } : null;
}
