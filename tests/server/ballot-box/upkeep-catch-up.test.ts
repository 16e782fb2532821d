// A reader's catch-up while the server's own pass is running: it returns only once what that pass
// releases and expands is in place. The work below answers as PostgreSQL's does: a release while
// another runs is skipped (alone(): the advisory lock is taken), and an expansion skips the rows
// another has locked (SKIP LOCKED). SQLite's steps are synchronous and never overlap.
import { expect, it } from "vitest";
import { createUpkeep, type UpkeepWork } from "../../../server/ballot-box/upkeep.ts";

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

function postgresLike() {
  const state = { due: 0, pending: 0, locked: 0, expanded: 0 };
  let releasing = false;
  const work: UpkeepWork = {
    async release() {
      if (releasing || state.due === 0) return 0;
      releasing = true;
      await pause(60);
      const released = state.due;
      state.pending += released;
      state.due = 0;
      releasing = false;
      return released;
    },
    async expand(limit) {
      const taken = Math.min(limit, state.pending - state.locked);
      if (taken <= 0) return 0;
      state.locked += taken;
      await pause(60);
      state.locked -= taken;
      state.pending -= taken;
      state.expanded += taken;
      return taken;
    },
    pending: async () => state.pending,
    truncateLog: async () => true,
    rebuildFile: async () => {},
    log: () => {},
  };
  return { state, work };
}

it("waits for the release and expansion of a pass already under way", async () => {
  const { state, work } = postgresLike();
  const upkeep = createUpkeep(work, { idleMs: 10, rebuildQuietMs: 60_000 });
  state.due = 5;
  upkeep.noteStored(5);
  await pause(30); // the pass is releasing now
  await upkeep.catchUp();
  expect(state).toMatchObject({ due: 0, pending: 0, expanded: 5 });
  upkeep.stop();
});

it("waits for an expansion under way, when the release was done before", async () => {
  const { state, work } = postgresLike();
  const upkeep = createUpkeep(work, { idleMs: 10, rebuildQuietMs: 60_000 });
  state.due = 5;
  upkeep.noteStored(5);
  await pause(100); // released at ~70 ms: the pass is expanding now
  expect(state.locked).toBe(5);
  await upkeep.catchUp();
  expect(state.expanded).toBe(5);
  upkeep.stop();
});
