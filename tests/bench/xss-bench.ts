// The XSS corpus as bench figures: how many payloads went through how many rendered pages, and
// how many ran, were refused by the CSP, showed up as markup or failed to show as text (all 0).
import { runXssCorpus } from "../e2e/xss-views.ts";

export interface XssFigures {
  payloads: number;
  viewsRendered: number;
  /** Expected texts checked across all views (a payload shown on two pages counts twice). */
  textsChecked: number;
  executions: number;
  cspViolations: number;
  injectedElements: number;
  missingTexts: number;
  seconds: number;
  /** The first few problems (none on a PASS), so a FAIL says why. */
  problems: string[];
}

export async function benchXss(): Promise<XssFigures> {
  const run = await runXssCorpus();
  const missing = run.views.flatMap((v) => v.missing.map((t) => `${v.name}: missing ${t}`));
  const injected = run.views.flatMap((v) => v.injected.map((t) => `${v.name}: ${t}`));
  return {
    payloads: run.payloads,
    viewsRendered: run.views.length,
    textsChecked: run.views.reduce((sum, v) => sum + v.expected, 0),
    executions: run.executions.length,
    cspViolations: run.cspViolations.length,
    injectedElements: injected.length,
    missingTexts: missing.length,
    seconds: Math.round(run.seconds * 10) / 10,
    problems: [...run.executions, ...run.cspViolations, ...injected, ...missing].slice(0, 10),
  };
}

export function printXssFigures(f: XssFigures) {
  const ok = f.executions + f.cspViolations + f.injectedElements + f.missingTexts === 0;
  console.log("\nXSS corpus (headless Chromium, real CSP)");
  console.log(`  payloads                 ${f.payloads}`);
  console.log(`  views rendered           ${f.viewsRendered}`);
  console.log(`  texts checked as shown   ${f.textsChecked}`);
  console.log(`  script executions        ${f.executions}   (goal 0)`);
  console.log(`  CSP violations           ${f.cspViolations}   (goal 0)`);
  console.log(`  injected elements        ${f.injectedElements}   (goal 0)`);
  console.log(`  payloads not shown       ${f.missingTexts}   (goal 0)`);
  console.log(`  time                     ${f.seconds.toFixed(1)} s`);
  console.log(`  ${ok ? "PASS" : "FAIL"}`);
  for (const problem of f.problems) console.log(`    ${problem}`);
}
