// Turns raw JSON into a checked Survey, or into messages naming the file, the JSON path and the reason.
import { checkSurvey } from "./check-survey.ts";
import { type Survey, SurveySchema } from "./schema.ts";

export type ParseResult = { ok: true; survey: Survey } | { ok: false; errors: string[] };

/** `source` names the file in messages, e.g. "surveys/x.json". */
export function parseSurvey(raw: unknown, source: string): ParseResult {
  const parsed = SurveySchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => `${source}: ${formatPath(i.path)}: ${i.message}`),
    };
  }
  const problems = checkSurvey(parsed.data);
  if (problems.length > 0) {
    return {
      ok: false,
      errors: problems.map((p) => `${source}: ${formatPath(p.path)}: ${p.message}`),
    };
  }
  return { ok: true, survey: parsed.data };
}

/** Parses JSON text first, so a syntax error is reported the same way. */
export function parseSurveyText(text: string, source: string): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`${source}: not valid JSON: ${(error as Error).message}`] };
  }
  return parseSurvey(raw, source);
}

/** ["sections", 0, "questions", 4, "code"] → "sections[0].questions[4].code" */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(root)" : out;
}
