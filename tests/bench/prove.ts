// `npm run bench -- prove`: the long versions of issue 5's proofs against the real server, one
// after another (each starts its own child server on its own temp database), then one summary.
import { type BackupFigures, benchBackup, printBackupFigures } from "./backup-bench.ts";
import {
  benchCrashes,
  benchDurableLoad,
  type CrashBenchFigures,
  type LoadDurabilityFigures,
  printCrashes,
  printDurableLoad,
} from "./durability-bench.ts";
import { benchFuzz, type FuzzFigures, printFuzzFigures } from "./fuzz-bench.ts";
import { printTable } from "./print-results.ts";
import { benchXss, printXssFigures, type XssFigures } from "./xss-bench.ts";

const size = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export interface ProofFigures {
  load: LoadDurabilityFigures;
  crashes: CrashBenchFigures;
  fuzz: FuzzFigures;
  xss: XssFigures;
  backup: BackupFigures;
}

export async function runProofs(): Promise<ProofFigures> {
  console.log("\nProofs 1/5: durable load…");
  const load = await benchDurableLoad({
    responses: size("PROVE_RESPONSES", 10_000),
    connections: size("PROVE_CONNECTIONS", 200),
  });
  printDurableLoad(load);
  console.log("\nProofs 2/5: crash rounds…");
  const crashes = await benchCrashes({ rounds: size("PROVE_CRASH_ROUNDS", 20) });
  printCrashes(crashes);
  console.log("\nProofs 3/5: fuzzing the submit route and every console route…");
  const fuzz = await benchFuzz({ bodiesPerEndpoint: size("PROVE_FUZZ_BODIES", 10_000) });
  printFuzzFigures(fuzz);
  console.log("\nProofs 4/5: the XSS corpus in Chromium…");
  const xss = await benchXss();
  printXssFigures(xss);
  console.log("\nProofs 5/5: backup under load, then restore…");
  const backup = await benchBackup(size("PROVE_BACKUP_RESPONSES", 10_000));
  printBackupFigures(backup);
  return { load, crashes, fuzz, xss, backup };
}

const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);

/** The figures the issue asks for, on one screen. */
export function printProofSummary({ load, crashes, fuzz, xss, backup }: ProofFigures) {
  const pass = (ok: boolean) => (ok ? "PASS" : "FAIL");
  const rho = Math.max(Math.abs(load.rhoAckOrder), Math.abs(load.rhoSendOrder));
  const backupOk =
    backup.integrity === "ok" &&
    backup.missingFromCopy === 0 &&
    backup.restoredServerResponses === backup.responsesInCopy;
  printTable(
    "Proofs: summary",
    ["proof", "figure", "goal", ""],
    [
      [
        "load: acked = stored",
        `${load.acked} = ${load.stored} (lost ${load.lost}, duplicated ${load.duplicated}, 5xx ${load.serverErrors})`,
        "0 lost, 0 dup, 0 5xx",
        pass(load.passed),
      ],
      [
        "load: throughput, p50 / p95 / p99",
        `${load.throughput.toFixed(0)}/s, ${load.p50Ms.toFixed(0)} / ${load.p95Ms.toFixed(0)} / ${load.p99Ms.toFixed(0)} ms`,
        "",
        "",
      ],
      [
        "crash rounds survived",
        `${crashes.survived}/${crashes.rounds.length}`,
        "all",
        pass(crashes.passed),
      ],
      [
        "fuzz bodies tried, ≥ 500",
        `${fuzz.totalBodies} over ${fuzz.endpoints.length} endpoints, ${fuzz.serverErrors} ≥ 500`,
        "0",
        pass(fuzz.passed),
      ],
      [
        "XSS executions / CSP violations",
        `${xss.executions} / ${xss.cspViolations} (${xss.payloads} payloads, ${xss.viewsRendered} views)`,
        "0 / 0",
        pass(xss.executions + xss.cspViolations + xss.injectedElements + xss.missingTexts === 0),
      ],
      ["log hits (ids, codes, texts)", String(sum(load.leaks)), "0", pass(sum(load.leaks) === 0)],
      ["|ρ| storage vs submission order", rho.toFixed(4), "< 0.1", pass(rho < 0.1)],
      [
        "backup under load, restore",
        `${backup.integrity}, ${backup.missingFromCopy} missing of ${backup.ackedBeforeBackup}, restored ${backup.restoredServerResponses}`,
        "ok, 0 missing",
        pass(backupOk),
      ],
    ],
  );
}
