// The command line for an office that works before (or beside) the console: links, surveys, accounts.
import { composeSystem, type System } from "../compose.ts";
import { loadConfig } from "../config.ts";
import { createAdminCommand, createTokenCommand, listAdminsCommand } from "./admin-commands.ts";
import { backupCommand, restoreCommand } from "./backup-commands.ts";
import { createLinkCommand, listLinksCommand, setLinkStateCommand } from "./link-commands.ts";
import { migrateToPostgresCommand } from "./migrate-commands.ts";
import { parseOptionsOrExit } from "./parse-options.ts";
import { checkSurveysCommand, listSurveysCommand } from "./survey-commands.ts";
import { surveyFromXlsxCommand, surveyToXlsxCommand } from "./survey-xlsx-commands.ts";
import { checkCommand, upgradeCommand } from "./upgrade-commands.ts";

const USAGE = `Usage: npm run cli -- <command>

  link create --survey ID --label 渠道 [--category 代码或名称] [--cap N] [--opens 时间] [--closes 时间]
  link list
  link pause|resume|close LINK_ID
  survey list                 versions and their response counts
  survey check [FILE...]      validate survey files (default: every surveys/*.json)
  survey xlsx FILE.json OUT.xlsx     a survey file as a spreadsheet to edit in Excel or WPS
  survey from-xlsx IN.xlsx OUT.json  back to a survey file; problems named by cell (survey!C7)
  admin create --username NAME [--name 显示名] [--role admin|analyst|distributor]
                              password from ADMIN_PASSWORD or stdin (never an argument)
  admin list
  admin token --username NAME [--label 用途]   prints a new API token once
  backup FILE [--force]       a consistent copy of the database, safe while the server runs
  backup --into DIR [--keep N]  DIR/survey-YYYY-MM-DD.db (a rerun that day replaces it);
                              --keep: only the newest N such files stay
  restore FILE                put a backup back at DATABASE_PATH (stop the server first)
  check                       could the server start? Node, SQLite, settings, database, surveys
  upgrade                     back up the database, then migrate it (stop the server first)
  migrate --to postgres://…   copy everything from the SQLite file into an empty PostgreSQL
                              database and compare counts (stop the server first)

Settings: as the server reads them, so links print as it prints them: environment variables over
  --config FILE, else SURVEY_CONFIG, else survey.env beside the database (README: Settings).`;

const { positionals, values } = parseOptionsOrExit({
  allowPositionals: true,
  options: {
    survey: { type: "string" },
    label: { type: "string" },
    category: { type: "string" },
    cap: { type: "string" },
    opens: { type: "string" },
    closes: { type: "string" },
    username: { type: "string" },
    name: { type: "string" },
    role: { type: "string" },
    force: { type: "boolean" },
    into: { type: "string" },
    keep: { type: "string" },
    config: { type: "string" },
    to: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

// Backups and a database the CLI may create hold answers: its owner's only (as server/main.ts).
process.umask(0o077);
const [noun, verb, ...rest] = positionals;
// The server's own reading (server/main.ts), so `link list` prints the URLs the server prints.
const loaded = loadConfig(process.env, process.argv.slice(2));

async function run(): Promise<number> {
  if (values.help || !noun) return usage(0);
  if (!loaded.ok) {
    console.error(`✗ ${loaded.problem}`);
    return 1;
  }
  const { config } = loaded;
  if (noun === "survey" && verb === "check") return checkSurveysCommand(config.surveysDir, rest);
  if (noun === "survey" && verb === "xlsx") return surveyToXlsxCommand(rest);
  if (noun === "survey" && verb === "from-xlsx") return surveyFromXlsxCommand(rest);
  // Before composeSystem: that registers survey files (a write), and restore needs the file unused.
  if (noun === "backup") return backupCommand(config, verb, values);
  if (noun === "restore") return restoreCommand(config, verb);
  if (noun === "upgrade") return upgradeCommand(config);
  if (noun === "check") return checkCommand(config);
  if (noun === "migrate") return migrateToPostgresCommand(config, values.to);
  let system: System;
  try {
    system = await composeSystem(config, { log: () => {} });
  } catch (error) {
    // One line, as for every refusal: an unusable file, or one whose schema is not ours.
    console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  try {
    for (const error of system.report.errors) console.error(`✗ refused: ${error}`);
    if (noun === "link" && verb === "create")
      return await createLinkCommand(system, config, values);
    if (noun === "link" && verb === "list") return await listLinksCommand(system, config);
    if (noun === "link" && (verb === "pause" || verb === "resume" || verb === "close")) {
      return await setLinkStateCommand(system, verb, rest[0]);
    }
    if (noun === "survey" && verb === "list") return await listSurveysCommand(system);
    if (noun === "admin" && verb === "create") return await createAdminCommand(system, values);
    if (noun === "admin" && verb === "list") return await listAdminsCommand(system);
    if (noun === "admin" && verb === "token") return await createTokenCommand(system, values);
    return usage(2);
  } finally {
    await system.deps.storage.close();
  }
}

function usage(code: number): number {
  (code === 0 ? console.log : console.error)(USAGE);
  return code;
}

process.exitCode = await run();
