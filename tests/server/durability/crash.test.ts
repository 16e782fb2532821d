// A power cut, simulated: the real server (what `npm start` runs) is killed with SIGKILL at a
// random moment under load, three times, and restarted on the same SQLite file each time.
import { expect, test } from "vitest";
import { runCrashRounds } from "../../support/crash-round.ts";

// Seeded, so a failing schedule of kill moments can be replayed: CRASH_SEED=… npx vitest run …
const seed = Number(process.env.CRASH_SEED ?? 52_024);

test("every acknowledged response survives SIGKILL unchanged, and nothing unsent appears", {
  timeout: 180_000,
}, async () => {
  const figures = await runCrashRounds({
    rounds: 3,
    connections: 16,
    seed,
    maxPerRound: 2_000,
    maxKillMs: 1_500,
    links: [{ label: "乡镇党委", category: "I" }],
  });
  const context = `seed ${seed}: ${JSON.stringify(figures.rounds, null, 1).slice(0, 4_000)}`;
  expect(figures.rounds, context).toHaveLength(3);
  for (const round of figures.rounds) {
    // Read-only, straight after the kill: the file alone holds every acknowledged response.
    expect(round.integrityAfterKill, context).toBe("ok");
    expect(round.afterKill.lost, context).toEqual([]);
    expect(round.afterKill.changed, context).toEqual([]);
    expect(round.afterKill.unknown, context).toEqual([]);
    // After the restart: the same, and the long table behind the results has caught up.
    expect(round.integrityAfterRestart, context).toBe("ok");
    expect(round.afterRestart.lost, context).toEqual([]);
    expect(round.afterRestart.changed, context).toEqual([]);
    expect(round.afterRestart.unknown, context).toEqual([]);
    expect(round.index, context).toMatchObject({ pending: 0, wrongRows: 0, wrongCounts: 0 });
    expect(round.index.expectedRows, context).toBeGreaterThan(0);
    // Each receipt is the one for its own submission, and no request ended in a server error.
    expect(round.wrongReceipts, context).toBe(0);
    expect(round.serverErrors, context).toBe(0);
  }
  // The rounds really did store something each time, under acknowledged load.
  expect(figures.ackedChecked, context).toBeGreaterThan(0);
  expect(figures.integrityAtEnd, context).toBe("ok");
  expect(figures.stderr, context).toBe("");
});
