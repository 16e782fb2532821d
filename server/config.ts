// Settings from the environment and an optional settings file, with defaults that just work on a laptop.
import { join, resolve } from "node:path";
import { appRoot } from "./app-root.ts";
import { parseTrustedProxies } from "./http/client-address.ts";
import { locateSettingsFile, readSettingsFile, type SettingsRules } from "./settings-file.ts";

/** Every setting, once: a settings file may hold these and nothing else (typo protection). */
export const SETTING_KEYS = [
  "PORT",
  "HOST",
  "DATABASE_PATH",
  "DATABASE_URL",
  "SURVEYS_DIR",
  "DIST_DIR",
  "PUBLIC_URL",
  "SURVEY_TIME_ZONE",
  "BODY_LIMIT_BYTES",
  "TRUST_PROXY",
  "SUBMIT_LIMIT_PER_ADDRESS",
  "SUBMIT_PROOF_OF_WORK",
] as const;

// ADMIN_PASSWORD is no setting: `admin create` reads it from its own environment or stdin only, so
// a password never sits in a file every start reads.
const RULES: SettingsRules = {
  known: SETTING_KEYS,
  paths: ["DATABASE_PATH", "SURVEYS_DIR", "DIST_DIR"],
};

const DEFAULT_DATABASE = "data/survey.db";

/**
 * Empty means "none" only for these. Anywhere else an empty value (a value blanked in Notepad) is
 * refused: read as it stands, PORT= would listen on a random port, HOST= everywhere, and an empty
 * path would be the current folder (/ under systemd).
 */
const MAY_BE_EMPTY: ReadonlySet<string> = new Set(["TRUST_PROXY", "PUBLIC_URL", "DATABASE_URL"]);

/** Where relative paths start: `cwd` for values from the environment, `root` for the defaults. */
export interface Folders {
  cwd: string;
  root: string;
}

const here = (): Folders => ({ cwd: process.cwd(), root: appRoot() });

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  /** DATABASE_URL=postgres://…: PostgreSQL instead of the SQLite file (several instances may share it). */
  databaseUrl: string | null;
  surveysDir: string;
  distDir: string;
  /** Base of printed links, e.g. https://survey.example.gov.cn; default: this machine's LAN address. */
  publicUrl: string | null;
  timeZone: string;
  bodyLimitBytes: number;
  /** TRUST_PROXY: reverse proxies (addresses or CIDRs) whose X-Forwarded-For is believed; [] = none. */
  trustProxy: string[];
  /** Submissions per minute per address through a link (memory only); 0 turns the limit off. */
  submitLimitPerAddress: number;
  /** Proof-of-work on links: the puzzle's largest number (phones try half on average); 0 = off. */
  submitProofOfWork: number;
}

export type LoadedConfig =
  | { ok: true; config: Config; settingsFile: string | null; lookedAt: string }
  | { ok: false; problem: string };

/**
 * What the server and the CLI both run: the settings file (see settings-file.ts for where it is
 * looked for), then the real environment on top. Environment variables win over the file, so an
 * operator can change one value for one run (PORT=8081 survey start) without editing the file.
 * A missing survey.env beside the database is fine; a missing file named by --config or
 * SURVEY_CONFIG, a bad line or an unknown key is a problem naming the file.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv,
  argv: readonly string[],
  folders: Folders = here(),
): LoadedConfig {
  const place = locateSettingsFile(env, argv, folders.cwd, databasePathOf(env, folders));
  if (!place.ok) return place;
  const file = readSettingsFile(place.path, RULES);
  if (!file.ok && (place.explicit || !file.missing))
    return {
      ok: false,
      problem: file.missing ? `${file.problem} (named by ${place.namedBy})` : file.problem,
    };
  const fromEnv = Object.fromEntries(
    SETTING_KEYS.flatMap((key) => (env[key] === undefined ? [] : [[key, env[key]]])),
  );
  const values: Record<string, string | undefined> = {
    ...(file.ok ? file.values : {}),
    ...fromEnv,
  };
  const blank = SETTING_KEYS.find((key) => values[key]?.trim() === "" && !MAY_BE_EMPTY.has(key));
  if (blank)
    return {
      ok: false,
      problem: `${blank} is empty${blank in fromEnv ? " in the environment" : file.ok ? ` in ${place.path}` : ""}: give it a value, or remove it for the default`,
    };
  return {
    ok: true,
    config: readConfig(values, folders),
    settingsFile: file.ok ? place.path : null,
    lookedAt: place.path,
  };
}

/** The database as the environment names it, or the default: survey.env is looked for beside it. */
const databasePathOf = (env: NodeJS.ProcessEnv, { cwd, root }: Folders) =>
  env.DATABASE_PATH === undefined ? join(root, DEFAULT_DATABASE) : resolve(cwd, env.DATABASE_PATH);

/**
 * The settings themselves, from one record of KEY=VALUE strings (no file read here). A relative
 * path given is taken from the current directory (values from a settings file arrive already
 * resolved from the file's folder); a default hangs off the app's folder, wherever it runs from.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env, folders = here()): Config {
  const path = (value: string | undefined, fallback: string) =>
    value === undefined ? join(folders.root, fallback) : resolve(folders.cwd, value);
  return {
    port: wholeOr(env.PORT, 3000),
    host: env.HOST ?? "0.0.0.0",
    databasePath: path(env.DATABASE_PATH, DEFAULT_DATABASE),
    databaseUrl: env.DATABASE_URL ? env.DATABASE_URL : null,
    surveysDir: path(env.SURVEYS_DIR, "surveys"),
    distDir: path(env.DIST_DIR, "dist"),
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, "") : null,
    timeZone: env.SURVEY_TIME_ZONE ?? "Asia/Shanghai",
    bodyLimitBytes: wholeOr(env.BODY_LIMIT_BYTES, 256 * 1024),
    trustProxy: (env.TRUST_PROXY ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ""),
    // 120 a minute: a cap-200 link cannot be filled from one address within a minute, and 500
    // phones behind one meeting-hall NAT are all stored in about 4 minutes (npm run bench -- stuffing).
    submitLimitPerAddress: wholeOr(env.SUBMIT_LIMIT_PER_ADDRESS, 120),
    submitProofOfWork: wholeOr(env.SUBMIT_PROOF_OF_WORK, 0),
  };
}

/**
 * Decimal digits only, else NaN (refused by configProblem): Number() would read PORT=0x1F90 as
 * 8080 and 8e3 as 8000, and an empty value as a silent 0 that could turn a defence off.
 */
const wholeOr = (value: string | undefined, fallback: number) =>
  value === undefined ? fallback : /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;

/** The first setting that cannot work, as one line naming the variable; null when all can. */
export function configProblem(config: Config): string | null {
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535)
    return "PORT must be a whole number from 0 to 65535";
  if (config.databaseUrl !== null && !/^postgres(ql)?:\/\/./.test(config.databaseUrl))
    return "DATABASE_URL must be a postgres:// URL (or empty, for the SQLite file at DATABASE_PATH)";
  if (!Number.isInteger(config.bodyLimitBytes) || config.bodyLimitBytes < 1024)
    return "BODY_LIMIT_BYTES must be a whole number of at least 1024";
  if (!Number.isInteger(config.submitLimitPerAddress) || config.submitLimitPerAddress < 0)
    return "SUBMIT_LIMIT_PER_ADDRESS must be a whole number of submissions per minute (0 = no limit)";
  const work = config.submitProofOfWork;
  if (!Number.isInteger(work) || (work !== 0 && (work < 1000 || work > 10_000_000)))
    return "SUBMIT_PROOF_OF_WORK must be 0 (off) or a whole number from 1000 to 10000000";
  // Phones solve it with WebCrypto, which browsers offer on https pages (and localhost) only.
  if (work !== 0 && !config.publicUrl?.startsWith("https:"))
    return "SUBMIT_PROOF_OF_WORK needs PUBLIC_URL to be https:// (phones solve it with WebCrypto, only offered on https pages)";
  try {
    new Intl.DateTimeFormat("en", { timeZone: config.timeZone });
  } catch {
    return `SURVEY_TIME_ZONE "${config.timeZone}" is not a time zone (e.g. Asia/Shanghai)`;
  }
  const proxies = parseTrustedProxies(config.trustProxy);
  if (!proxies.ok)
    return `TRUST_PROXY "${proxies.entry}" is not an address or CIDR (e.g. 10.0.0.2,10.1.0.0/16)`;
  if (config.publicUrl !== null && !isBareOrigin(config.publicUrl))
    return `PUBLIC_URL "${config.publicUrl}" must be the address phones open, without a path, query or user, e.g. https://survey.example.gov.cn (the pages are served from /)`;
  return null;
}

/** https://host[:port] and nothing more: the app serves from /, so a path would break every link. */
function isBareOrigin(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    (url.protocol === "https:" || url.protocol === "http:") &&
    url.pathname === "/" &&
    url.search === "" &&
    url.hash === "" &&
    url.username === "" &&
    url.password === "" &&
    !/[?#]/.test(value)
  );
}
