// `npm start`: start the server, make a demo link on a fresh database, print where to go.
import { readConfig } from "./config.ts";
import { keepServingOnStrayErrors } from "./http/last-resort.ts";
import { createLink } from "./links/create-link.ts";
import { baseUrl, respondentUrl } from "./links/link-urls.ts";
import { releasedCounts } from "./returns/released-counts.ts";
import { startServer } from "./start-server.ts";

keepServingOnStrayErrors();
const config = readConfig();
const started = await startServer(config, (line) => console.log(line));
if (!started.ok) {
  console.error(`Cannot start: ${started.problem}`);
  process.exit(1);
}
const { deps, report } = started.system;
// A file left by a crash may still hold responses in arrival order, or markers to expand: the
// first quiet moment releases, expands and rebuilds it (README: Threat model).
deps.upkeep.noteChanged();

for (const s of report.loaded) console.log(`✓ survey ${s.surveyId} v${s.version} (${s.file})`);
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

console.log(`\nListening on ${config.host}:${config.port}  (database: ${config.databasePath})`);
console.log("Respondent links (open one on a phone on the same network):");
const released = releasedCounts(deps.storage);
for (const link of deps.storage.listLinks()) {
  const n = released(link.surveyId, link.channelId);
  console.log(`  ${link.label} [${link.state}, ${n} released]  ${respondentUrl(base, link.id)}`);
}
console.log(`API description: ${base}/api/openapi.json`);
console.log(`\nAdmin console: ${base}/admin/`);
if (deps.storage.countAdmins() === 0) {
  const token = deps.setupLink.issue(new Date());
  console.log("No admin yet. Create the first one with this one-time link (valid 1 hour):");
  console.log(`  ${base}/admin/#setup=${token}`);
  console.log("  (or without a browser: npm run cli -- admin create --username NAME --role admin)");
}
