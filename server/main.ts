// Starts the server: open the database, load surveys, make a demo link on a fresh database, listen.
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { composeSystem } from "./compose.ts";
import { readConfig } from "./config.ts";
import { createLink } from "./links/create-link.ts";
import { baseUrl, respondentUrl } from "./links/link-urls.ts";

const config = readConfig();
const system = composeSystem(config);
const { deps, report } = system;

for (const error of report.errors) console.error(`✗ refused: ${error}`);
for (const s of report.loaded) console.log(`✓ survey ${s.surveyId} v${s.version} (${s.file})`);
if (report.loaded.length === 0) {
  console.error(`No valid survey in ${config.surveysDir}; nothing to serve.`);
  process.exit(1);
}
if (!deps.client)
  console.warn("⚠ dist/ is missing: run `npm run build` (npm start does it for you).");

const base = baseUrl(config.publicUrl, config.port);
if (deps.storage.listLinks().length === 0) {
  const first = report.loaded[0]!;
  const made = createLink(
    deps.storage,
    deps.catalog,
    { surveyId: first.surveyId, label: "演示链接" },
    new Date(),
  );
  if (made.ok) console.log(`Created an open demo link for ${first.surveyId}.`);
}

const server = serve(
  { fetch: createApp(deps).fetch, port: config.port, hostname: config.host },
  () => {
    console.log(`\nListening on ${config.host}:${config.port}  (database: ${config.databasePath})`);
    console.log("Respondent links (open one on a phone on the same network):");
    for (const link of deps.storage.listLinks()) {
      console.log(
        `  ${link.label} [${link.state}, ${link.completed} done]  ${respondentUrl(base, link.id)}`,
      );
    }
    console.log(`API description: ${base}/api/openapi.json`);
    console.log(`\nAdmin console: ${base}/admin/`);
    if (deps.storage.countAdmins() === 0) {
      const token = deps.setupLink.issue(new Date());
      console.log("No admin yet. Create the first one with this one-time link (valid 1 hour):");
      console.log(`  ${base}/admin/#setup=${token}`);
      console.log(
        "  (or without a browser: npm run cli -- admin create --username NAME --role admin)",
      );
    }
  },
);

// Graceful shutdown: stop accepting, let in-flight requests finish, commit what is pending, close.
let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing in-flight requests…`);
  server.close(async () => {
    await system.close();
    console.log("Database closed. Bye.");
    process.exit(0);
  });
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
