// Settings from the environment, with defaults that just work on a laptop.
import { resolve } from "node:path";

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
  };
}

/** The first setting that cannot work, as one line naming the variable; null when all can. */
export function configProblem(config: Config): string | null {
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535)
    return "PORT must be a whole number from 0 to 65535";
  if (!Number.isInteger(config.bodyLimitBytes) || config.bodyLimitBytes < 1024)
    return "BODY_LIMIT_BYTES must be a whole number of at least 1024";
  try {
    new Intl.DateTimeFormat("en", { timeZone: config.timeZone });
  } catch {
    return `SURVEY_TIME_ZONE "${config.timeZone}" is not a time zone (e.g. Asia/Shanghai)`;
  }
  if (config.publicUrl !== null && !/^https?:\/\/[^/\s]+(\/\S*)?$/.test(config.publicUrl))
    return `PUBLIC_URL "${config.publicUrl}" must look like https://survey.example.gov.cn`;
  return null;
}
