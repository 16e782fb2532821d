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
