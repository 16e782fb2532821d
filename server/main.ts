// `npm start`: start the server, make a demo link on a fresh database, print where to go.

import { releasedCounts } from "./collection-progress/released-counts.ts";
import { loadConfig } from "./config.ts";
import { keepServingOnStrayErrors } from "./http/last-resort.ts";
import { createLink } from "./links/create-link.ts";
import { linkStatusText } from "./links/link-status-text.ts";
import { respondentUrl } from "./links/link-urls.ts";
import { startServer } from "./start-server.ts";

keepServingOnStrayErrors();
// Every file this process makes (the database, its -wal and -shm, backups before an upgrade)
// holds answers: its owner's only, whatever the shell's umask (systemd sets the same: UMask=0077).
process.umask(0o077);
// The same reading as the CLI's: settings file (--config, SURVEY_CONFIG, or survey.env beside the
// database), then environment variables, which win.
const loaded = loadConfig(process.env, process.argv.slice(2));
if (!loaded.ok) {
  console.error(`Cannot start: ${loaded.problem}`);
  process.exit(1);
}
const { config } = loaded;
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
for (const warning of started.system.warnings) console.warn(`⚠ ${warning}`);
if (!deps.client)
  console.warn("⚠ dist/ is missing: run `npm run build` (npm start does it for you).");

// PUBLIC_URL, else the address and port really listened on (start-server.ts set it).
const base = deps.publicBase;
// Under the lock, instances starting together on a fresh PostgreSQL database make one demo link:
// the one that holds it looks and makes; one that finds it taken waits its turn, then finds the
// link, so every start prints it.
const makeDemoLink = async () => {
  if ((await deps.storage.listLinks()).length > 0) return true;
  const first = report.loaded[0]!;
  const made = await createLink(
    deps.storage,
    deps.catalog,
    { surveyId: first.surveyId, label: "演示链接" },
    new Date(),
  );
  if (made.ok) console.log(`Created an open demo link for ${first.surveyId}.`);
  return true;
};
for (let tries = 0; tries < 100; tries += 1) {
  if (await deps.storage.alone("firstLink", makeDemoLink)) break;
  await new Promise((wait) => setTimeout(wait, 50));
}

const bound = started.server.address();
const listening =
  bound !== null && typeof bound === "object"
    ? `${bound.family === "IPv6" ? `[${bound.address}]` : bound.address}:${bound.port}`
    : `${config.host}:${config.port}`;
const database = config.databaseUrl
  ? `PostgreSQL ${new URL(config.databaseUrl).host}${new URL(config.databaseUrl).pathname}`
  : config.databasePath;
console.log(`\nListening on ${listening}  (database: ${database})`);
console.log(
  loaded.settingsFile
    ? `Settings: ${loaded.settingsFile} (environment variables override it)`
    : `Settings: environment and defaults (no settings file at ${loaded.lookedAt})`,
);
// A loopback address (HOST=127.0.0.1, or no network) serves this machine only: say so.
const loopback = /^http:\/\/(127\.|\[::1\]|localhost[:/])/.test(base);
console.log(
  loopback
    ? "Respondent links (this machine only; for phones set HOST=0.0.0.0 on a networked machine, or PUBLIC_URL):"
    : "Respondent links (open one on a phone on the same network):",
);
const links = await deps.storage.listLinks();
const released = await releasedCounts(
  deps.storage,
  links.map((l) => l.surveyId),
);
for (const link of links) {
  const n = released(link.surveyId, link.channelId);
  const status = linkStatusText(link, new Date(), config.timeZone);
  const when = status.when ? `, ${status.when}` : "";
  console.log(
    `  ${link.label} [${status.word}${when}, ${n} released]  ${respondentUrl(base, link.id)}`,
  );
}
console.log(`API description: ${base}/api/openapi.json`);
console.log(`\nAdmin console: ${base}/admin/`);
if ((await deps.storage.countAdmins()) === 0) {
  const token = deps.setupLink.issue(new Date());
  // Stored before it is printed: on PostgreSQL every instance accepts it from then on.
  await deps.setupLink.issued();
  console.log("No admin yet. Create the first one with this one-time link (valid 1 hour):");
  console.log(`  ${base}/admin/#setup=${token}`);
  console.log("  (or without a browser: npm run cli -- admin create --username NAME --role admin)");
}
