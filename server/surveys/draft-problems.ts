// What is wrong with a draft, in the words `survey check` prints, each with a dotted JSON path
// (sections.0.questions.3.options.1.label) the editor can point at.
import { checkSurvey } from "../../surveys/format/check-survey.ts";
import { type Survey, SurveySchema } from "../../surveys/format/schema.ts";

export interface DraftProblem {
  path: string;
  message: string;
}

export type DraftCheck = { ok: true; survey: Survey } | { ok: false; problems: DraftProblem[] };

/** A draft is a survey being written: bounded like any survey file, far below the body limit. */
export const MAX_DRAFT_CHARS = 200_000;
/** A survey nests 7 deep (survey → sections → questions → options → option); anything far deeper is not one. */
export const MAX_DRAFT_DEPTH = 16;

const dotted = (path: readonly PropertyKey[]) => path.map(String).join(".") || "(root)";

/** Parses the draft as `survey check` would: the schema first, then the cross-field rules. */
export function checkDraft(raw: unknown): DraftCheck {
  const parsed = SurveySchema.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({ path: dotted(i.path), message: i.message })),
    };
  const problems = checkSurvey(parsed.data);
  if (problems.length > 0)
    return {
      ok: false,
      problems: problems.map((p) => ({ path: dotted(p.path), message: p.message })),
    };
  return { ok: true, survey: parsed.data };
}

export const problemsOf = (check: DraftCheck): DraftProblem[] => (check.ok ? [] : check.problems);

/**
 * The JSON text to store, or why not: too deep (checked without recursion, so a hostile body
 * cannot overflow the stack while being measured) or too long once written out.
 */
export function draftText(
  raw: unknown,
): { ok: true; text: string } | { ok: false; reason: string } {
  const stack: [unknown, number][] = [[raw, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() ?? [null, 0];
    if (typeof value !== "object" || value === null) continue;
    if (depth > MAX_DRAFT_DEPTH) return { ok: false, reason: `嵌套超过 ${MAX_DRAFT_DEPTH} 层` };
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  const text = JSON.stringify(raw);
  if (text === undefined) return { ok: false, reason: "不是 JSON 值" };
  if (text.length > MAX_DRAFT_CHARS)
    return { ok: false, reason: `超过 ${MAX_DRAFT_CHARS} 个字符的上限` };
  return { ok: true, text };
}
