// The command line for an office that works before (or beside) the console: links, surveys, accounts.
import { parseArgs } from "node:util";
import { composeSystem } from "../compose.ts";
import { readConfig } from "../config.ts";
import { createAdminCommand, createTokenCommand, listAdminsCommand } from "./admin-commands.ts";
import { backupCommand, restoreCommand } from "./backup-commands.ts";
import { createLinkCommand, listLinksCommand, setLinkStateCommand } from "./link-commands.ts";
import { checkSurveysCommand, listSurveysCommand } from "./survey-commands.ts";

const USAGE = `Usage: npm run cli -- <command>

  link create --survey ID --label 渠道 [--category 代码或名称] [--cap N] [--opens 时间] [--closes 时间]
  link list
  link pause|resume|close LINK_ID
  survey list                 versions and their response counts
  survey check [FILE...]      validate survey files (default: every surveys/*.json)
  admin create --username NAME [--name 显示名] [--role admin|analyst|distributor]
                              password from ADMIN_PASSWORD or stdin (never an argument)
  admin list
  admin token --username NAME [--label 用途]   prints a new API token once
  backup FILE [--force]       a consistent copy of the database, safe while the server runs
  restore FILE                put a backup back at DATABASE_PATH (stop the server first)

Environment: DATABASE_PATH, SURVEYS_DIR, PUBLIC_URL, PORT (see README).`;

const { positionals, values } = parseArgs({
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
    help: { type: "boolean", short: "h" },
  },
});

const [noun, verb, ...rest] = positionals;
const config = readConfig();

async function run(): Promise<number> {
  if (values.help || !noun) return usage(0);
  if (noun === "survey" && verb === "check") return checkSurveysCommand(config.surveysDir, rest);
  // Before composeSystem: that registers survey files (a write), and restore needs the file unused.
  if (noun === "backup") return backupCommand(config, verb, values.force ?? false);
  if (noun === "restore") return restoreCommand(config, verb);
  let system: ReturnType<typeof composeSystem>;
  try {
    system = composeSystem(config, { log: () => {} });
  } catch (error) {
    // One line, as for every refusal: an unusable file, or one whose schema is not ours.
    console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  try {
    for (const error of system.report.errors) console.error(`✗ refused: ${error}`);
    if (noun === "link" && verb === "create") return createLinkCommand(system, config, values);
    if (noun === "link" && verb === "list") return listLinksCommand(system, config);
    if (noun === "link" && (verb === "pause" || verb === "resume" || verb === "close")) {
      return setLinkStateCommand(system, verb, rest[0]);
    }
    if (noun === "survey" && verb === "list") return listSurveysCommand(system);
    if (noun === "admin" && verb === "create") return await createAdminCommand(system, values);
    if (noun === "admin" && verb === "list") return listAdminsCommand(system);
    if (noun === "admin" && verb === "token") return createTokenCommand(system, values);
    return usage(2);
  } finally {
    system.deps.storage.close();
  }
}

function usage(code: number): number {
  (code === 0 ? console.log : console.error)(USAGE);
  return code;
}

process.exitCode = await run();
