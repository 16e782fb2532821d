// `survey check|list`: validate files with the server's own rules, and show versions.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseSurveyText } from "../../surveys/format/parse-survey.ts";
import type { System } from "../compose.ts";

export function checkSurveysCommand(dir: string, files: string[]): number {
  const paths =
    files.length > 0
      ? files
      : readdirSync(dir)
          .filter((f) => f.endsWith(".json"))
          .map((f) => join(dir, f));
  let failed = 0;
  for (const path of paths) {
    const source = relative(process.cwd(), path) || path;
    const parsed = parseSurveyText(readFileSync(path, "utf8"), source);
    if (parsed.ok) {
      const count = parsed.survey.sections.reduce((n, s) => n + s.questions.length, 0);
      console.log(`✓ ${source}: ${parsed.survey.id}, ${count} questions`);
    } else {
      failed++;
      for (const error of parsed.errors) console.error(`✗ ${error}`);
    }
  }
  return failed === 0 ? 0 : 1;
}

/** For `check`: how many survey files there are and whether each would load. */
export function checkSurveyFiles(dir: string): { ok: boolean; summary: string } {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith(".json"));
  } catch (error) {
    return {
      ok: false,
      summary: `cannot read the folder (${(error as NodeJS.ErrnoException).code})`,
    };
  }
  const bad = names.filter(
    (name) => !parseSurveyText(readFileSync(join(dir, name), "utf8"), name).ok,
  );
  if (names.length === 0) return { ok: false, summary: "no survey file (*.json)" };
  if (bad.length > 0) return { ok: false, summary: `${bad.join(", ")} not valid (survey check)` };
  return { ok: true, summary: `${names.length} valid` };
}

export async function listSurveysCommand(system: System): Promise<number> {
  for (const v of await system.deps.storage.listVersions()) {
    const mark = v.current ? "current" : "";
    console.log(
      `${v.surveyId} v${v.version}  ${v.responses} responses  since ${v.createdOn}  ${mark}`,
    );
  }
  return 0;
}
