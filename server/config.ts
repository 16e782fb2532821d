// Settings from the environment, with defaults that just work on a laptop.
import { resolve } from "node:path";
import { parseTrustedProxies } from "./http/client-address.ts";

export interface Config {
  port: number;
  host: string;
  databasePath: string;
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

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? "0.0.0.0",
    databasePath: resolve(env.DATABASE_PATH ?? "data/survey.db"),
    surveysDir: resolve(env.SURVEYS_DIR ?? "surveys"),
    distDir: resolve(env.DIST_DIR ?? "dist"),
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, "") : null,
    timeZone: env.SURVEY_TIME_ZONE ?? "Asia/Shanghai",
    bodyLimitBytes: Number(env.BODY_LIMIT_BYTES ?? 256 * 1024),
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

/** An empty value is a mistake to refuse (NaN), not a silent 0 that would turn a defence off. */
const wholeOr = (value: string | undefined, fallback: number) =>
  value === undefined ? fallback : Number(value.trim() || Number.NaN);

/** The first setting that cannot work, as one line naming the variable; null when all can. */
export function configProblem(config: Config): string | null {
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535)
    return "PORT must be a whole number from 0 to 65535";
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
  if (config.publicUrl !== null && !/^https?:\/\/[^/\s]+(\/\S*)?$/.test(config.publicUrl))
    return `PUBLIC_URL "${config.publicUrl}" must look like https://survey.example.gov.cn`;
  return null;
}
