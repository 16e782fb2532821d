// Dependencies that ship (npm audit --omit=dev) must have 0 high or critical advisories.
// Exit 1 on any; if the advisory service cannot be reached, say so loudly and exit 0, or 1 when
// AUDIT_REQUIRED=1 (set it wherever the registry's audit endpoint is reachable).
import { spawnSync } from "node:child_process";

const run = spawnSync("npm", ["audit", "--omit=dev", "--json"], { encoding: "utf8" });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = { error: { summary: run.stderr.trim().split("\n").at(-1) ?? "no output" } };
}
if (!report.metadata) {
  const reason = report.message ?? report.error?.summary ?? report.error?.code ?? "no report";
  console.log(`npm audit: NOT CHECKED: the advisory service did not answer (${reason}).`);
  process.exit(process.env.AUDIT_REQUIRED === "1" ? 1 : 0);
}
const counts = report.metadata?.vulnerabilities ?? {};
const serious = (counts.high ?? 0) + (counts.critical ?? 0);
const names = Object.values(report.vulnerabilities ?? {})
  .filter((v) => v.severity === "high" || v.severity === "critical")
  .map((v) => `${v.name} (${v.severity})`);
console.log(
  `npm audit --omit=dev: ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`,
);
if (serious > 0) {
  console.log(`Fix or replace: ${names.join(", ")}`);
  process.exit(1);
}
