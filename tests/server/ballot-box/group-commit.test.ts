// Group commit: concurrent submissions share one batch; a failed batch fails only its own items.
import { describe, expect, it } from "vitest";
import { createGroupCommit } from "../../../server/ballot-box/group-commit.ts";

describe("createGroupCommit", () => {
  it("commits submissions that arrive together in one batch, answering each with its own result", async () => {
    const batches: number[][] = [];
    const commit = createGroupCommit<number, number>(async (items) => {
      batches.push(items);
      return items.map((n) => n * 10);
    });
    const results = await Promise.all([1, 2, 3, 4].map((n) => commit.submit(n)));
    expect(results).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1, 2, 3, 4]]);
    expect(await commit.submit(5)).toBe(50);
    expect(batches).toHaveLength(2);
  });

  it("splits at maxBatch and rejects only the batch that threw", async () => {
    let calls = 0;
    const commit = createGroupCommit<number, number>(async (items) => {
      calls++;
      if (items.includes(3)) throw new Error("disk full");
      return items;
    }, 2);
    const settled = await Promise.allSettled([1, 2, 3, 4].map((n) => commit.submit(n)));
    expect(settled.map((s) => s.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "rejected",
    ]);
    expect(calls).toBe(2);
  });

  it("drain waits for everything submitted so far", async () => {
    const done: number[] = [];
    const commit = createGroupCommit<number, number>(async (items) => {
      done.push(...items);
      return items;
    });
    void commit.submit(1);
    void commit.submit(2);
    await commit.drain();
    expect(done).toEqual([1, 2]);
  });

  it("keeps one commit in flight: what arrives during a slow commit goes in the next batch", async () => {
    const batches: number[][] = [];
    let release: () => void = () => {};
    const commit = createGroupCommit<number, number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await new Promise<void>((go) => (release = go));
      return items;
    });
    const first = commit.submit(1);
    await new Promise((next) => setImmediate(next));
    const later = [2, 3, 4].map((n) => commit.submit(n));
    await new Promise((next) => setTimeout(next, 20));
    expect(batches).toEqual([[1]]); // still in flight: no second commit started
    release();
    expect(await Promise.all([first, ...later])).toEqual([1, 2, 3, 4]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
    await commit.drain();
  });
});
