// When the file is rebuilt: after a pause, within a minute of a burst, in a stream that never
// pauses, less often as rebuilds get longer, and with growing waits after a failure.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createUpkeep, type UpkeepWork } from "../../../server/ballot-box/upkeep.ts";

interface Recorded extends UpkeepWork {
  rebuilds: number[];
  failNext: number;
  rebuildTakes: number;
}

function work(): Recorded {
  const w: Recorded = {
    rebuilds: [],
    failNext: 0,
    rebuildTakes: 0,
    release: async () => 0,
    expand: async () => 0,
    pending: async () => 0,
    truncateLog: async () => true,
    async rebuildFile() {
      if (w.failNext > 0) {
        w.failNext -= 1;
        throw new Error("database or disk is full");
      }
      vi.advanceTimersByTime(w.rebuildTakes); // the clock moves while VACUUM holds the thread
      w.rebuilds.push(Date.now());
    },
    log: () => {},
  };
  return w;
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("the rebuild", () => {
  it("comes 5 s after the last submission of a burst, once", async () => {
    const w = work();
    const upkeep = createUpkeep(w);
    for (let t = 0; t < 3_000; t += 100) {
      upkeep.noteStored(1);
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(4_800);
    expect(w.rebuilds).toEqual([]);
    await vi.advanceTimersByTimeAsync(400);
    expect(w.rebuilds).toHaveLength(1);
    expect(w.rebuilds[0]).toBeGreaterThanOrEqual(2_900 + 5_000); // the last one came at 2.9 s
    await vi.advanceTimersByTimeAsync(60_000);
    expect(w.rebuilds).toHaveLength(1);
    upkeep.stop();
  });

  it("still comes in a stream that never pauses 5 s: 5 minutes after its first change", async () => {
    const w = work();
    const upkeep = createUpkeep(w);
    for (let t = 0; t < 400_000; t += 2_000) {
      upkeep.noteStored(1);
      await vi.advanceTimersByTimeAsync(2_000);
    }
    expect(w.rebuilds[0]).toBeLessThanOrEqual(300_000 + 2_000);
    upkeep.stop();
  });

  it("waits for a longer pause once rebuilds take long (ten times as long, at most 50 s)", async () => {
    const w = work();
    w.rebuildTakes = 3_000;
    const upkeep = createUpkeep(w);
    upkeep.noteStored(1);
    await vi.advanceTimersByTimeAsync(5_100);
    expect(w.rebuilds).toHaveLength(1);
    upkeep.noteStored(1);
    const burstEnd = Date.now();
    await vi.advanceTimersByTimeAsync(29_000);
    expect(w.rebuilds).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_200);
    expect(w.rebuilds).toHaveLength(2);
    // 30 s of quiet wanted, plus the 3 s the rebuild itself held the clock.
    expect((w.rebuilds[1] ?? 0) - burstEnd).toBeLessThan(60_000);
    upkeep.stop();
  });

  it("after a failure (a full disk), tries again after 2, 4, 8 … s, not every second", async () => {
    const w = work();
    w.failNext = 3;
    const upkeep = createUpkeep(w);
    upkeep.noteStored(1);
    await vi.advanceTimersByTimeAsync(5_100); // first try fails
    await vi.advanceTimersByTimeAsync(1_900);
    expect(w.rebuilds).toEqual([]);
    await vi.advanceTimersByTimeAsync(200); // 2 s later: fails again
    await vi.advanceTimersByTimeAsync(3_900);
    expect(w.rebuilds).toEqual([]);
    await vi.advanceTimersByTimeAsync(200); // 4 s later: fails a third time
    await vi.advanceTimersByTimeAsync(8_000); // 8 s later: works
    expect(w.rebuilds).toHaveLength(1);
    upkeep.stop();
  });

  it("a rebuild that does not hold the loop (PostgreSQL) is followed by another for what came meanwhile", async () => {
    const rebuilds: number[] = [];
    let upkeep: ReturnType<typeof createUpkeep> | null = null;
    const w: UpkeepWork = {
      release: async () => 0,
      expand: async () => 0,
      pending: async () => 0,
      truncateLog: async () => true,
      async rebuildFile() {
        // A submission is stored while the first rebuild waits on the database.
        if (rebuilds.length === 0) upkeep?.noteStored(1);
        await new Promise((done) => setTimeout(done, 1_000));
        rebuilds.push(Date.now());
      },
      log: () => {},
    };
    upkeep = createUpkeep(w);
    upkeep.noteStored(1);
    await vi.advanceTimersByTimeAsync(6_100);
    expect(rebuilds).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(rebuilds).toHaveLength(2); // red before: the first rebuild cleared the mark
    await vi.advanceTimersByTimeAsync(60_000);
    expect(rebuilds).toHaveLength(2);
    upkeep.stop();
  });
});
