// The optional settings file: KEY=VALUE lines (systemd EnvironmentFile= syntax), found and checked.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseEnv } from "node:util";

export interface SettingsRules {
  /** Every key a file may set: anything else is a typo, refused rather than silently ignored. */
  known: readonly string[];
  /** Keys holding a path: a relative one in the file means relative to the file's own folder. */
  paths: readonly string[];
}

export type SettingsPlace =
  | { ok: true; path: string; explicit: boolean; namedBy: string }
  | { ok: false; problem: string };

export type SettingsRead =
  | { ok: true; values: Record<string, string> }
  | { ok: false; missing: boolean; problem: string };

/**
 * `--config FILE` (or `--config=FILE`), else SURVEY_CONFIG, else survey.env beside the database.
 * The first two are explicit (a missing file is a mistake); the last is optional. Relative names
 * given on the command line or in SURVEY_CONFIG are taken from the current directory.
 */
export function locateSettingsFile(
  env: NodeJS.ProcessEnv,
  argv: readonly string[],
  cwd: string,
  databasePath: string,
): SettingsPlace {
  const flag = configFlag(argv);
  if (flag === "")
    return { ok: false, problem: "--config needs a file, e.g. --config /etc/survey/survey.env" };
  if (flag !== null)
    return { ok: true, path: resolve(cwd, flag), explicit: true, namedBy: "--config" };
  if (env.SURVEY_CONFIG)
    return {
      ok: true,
      path: resolve(cwd, env.SURVEY_CONFIG),
      explicit: true,
      namedBy: "SURVEY_CONFIG",
    };
  const beside = join(dirname(databasePath), "survey.env");
  return { ok: true, path: beside, explicit: false, namedBy: "the database's folder" };
}

/** The value of --config; "" when it is given without one; null when it is absent. */
function configFlag(argv: readonly string[]): string | null {
  for (const [i, arg] of argv.entries()) {
    if (arg === "--") break;
    if (arg.startsWith("--config=")) return arg.slice("--config=".length);
    if (arg === "--config") {
      const next = argv[i + 1];
      return next === undefined || next.startsWith("-") ? "" : next;
    }
  }
  return null;
}

/** Reads and checks the file; a missing one says so (`missing`), so the caller may let it pass. */
export function readSettingsFile(file: string, rules: SettingsRules): SettingsRead {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: part of the path is a file, so the settings file cannot be there either.
    if (code === "ENOENT" || code === "ENOTDIR")
      return { ok: false, missing: true, problem: `settings file ${file} does not exist` };
    const why =
      code === "EISDIR" ? "it is a folder" : code === "EACCES" ? "permission denied" : code;
    return { ok: false, missing: false, problem: `settings file ${file} cannot be read (${why})` };
  }
  const parsed = parseSettings(text, file, rules);
  return parsed.ok ? parsed : { ...parsed, missing: false };
}

/**
 * Line by line, so a bad line is named: Node's parseEnv alone would fold a line without "=" into
 * the next key. `#` or `;` starts a comment line; values may be quoted. The last of a repeated key
 * wins, as in systemd.
 */
export function parseSettings(
  text: string,
  file: string,
  rules: SettingsRules,
): { ok: true; values: Record<string, string> } | { ok: false; problem: string } {
  const values: Record<string, string> = {};
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const where = `${file} line ${i + 1}`;
    const key = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1];
    const value = key === undefined ? undefined : parseEnv(line)[key];
    if (key === undefined || value === undefined)
      return { ok: false, problem: `${where} is not KEY=VALUE (e.g. PORT=8080)` };
    // parseEnv ends an unquoted value at any #, so "PUBLIC_URL=https://x/#y" would silently lose
    // its end; " # note" after a value stays a comment.
    const unquoted = line.slice(line.indexOf("=") + 1).trim();
    if (!/^["'`]/.test(unquoted) && /[^\s#]#/.test(unquoted))
      return { ok: false, problem: `${where}: ${key} has a # inside its value; quote the value` };
    if (!rules.known.includes(key)) {
      const near = rules.known.find((k) => editDistance(k, key.toUpperCase()) <= 2);
      const hint = near ? `did you mean ${near}?` : "README: Settings lists them";
      return { ok: false, problem: `${where}: ${key} is not a setting (${hint})` };
    }
    values[key] = rules.paths.includes(key) && value !== "" ? resolve(dirname(file), value) : value;
  }
  return { ok: true, values };
}

/** Levenshtein distance, for "did you mean": settings keys are short, so the table stays small. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      const swap = (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      next.push(Math.min(swap, (row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1));
    }
    row = next;
  }
  return row[b.length] ?? 0;
}
