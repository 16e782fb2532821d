// For test files (not the bench, which runs outside vitest): stores closed after each test.
import { afterEach } from "vitest";
import { openTabulationStore } from "./tabulation-store.ts";

export type TabulationStore = ReturnType<typeof openTabulationStore>;

/** A store opener for one test file: every store it opened is closed after each test. */
export function storesClosedAfterEach(): () => TabulationStore {
  const opened: TabulationStore[] = [];
  afterEach(() => {
    for (const store of opened.splice(0)) store.close();
  });
  return () => {
    const store = openTabulationStore();
    opened.push(store);
    return store;
  };
}
