// Keeps the long answers table up to date without slowing acknowledgements: it expands stored
// responses when submissions pause, or in small chunks once a backlog builds up.
import type { Storage } from "../storage/storage.ts";

export interface AnswerIndexer {
  /** Called after each commit with the number of responses it stored. */
  noteStored(count: number): void;
  /** Expands everything pending now: readers of the long table call this first. */
  catchUp(): void;
  stop(): void;
}

export interface IndexerOptions {
  /** Quiet time after the last submission before expanding. */
  idleMs?: number;
  /** Responses per expansion transaction: bounds how long the event loop is held. */
  chunk?: number;
  /** Past this backlog, expand even while submissions keep arriving. */
  maxBacklog?: number;
}

export function createAnswerIndexer(
  storage: Storage,
  { idleMs = 50, chunk = 200, maxBacklog = 20_000 }: IndexerOptions = {},
): AnswerIndexer {
  let backlog = storage.pendingAnswerCount();
  let lastStored = 0;
  let timer: NodeJS.Timeout | null = null;

  /** Returns how many responses were expanded; 0 when none are left or expansion failed. */
  const expand = (limit: number): number => {
    try {
      const expanded = storage.expandPendingAnswers(limit);
      backlog = Math.max(0, backlog - expanded);
      return expanded;
    } catch (error) {
      // The responses themselves are safe; expansion is retried on the next pass.
      console.error(`expanding answers failed: ${(error as Error).message}`);
      return 0;
    }
  };
  const schedule = (delay: number) => {
    if (timer || backlog === 0) return;
    timer = setTimeout(run, delay);
    timer.unref();
  };
  // A reader in another process (a backup) kept the log from being truncated: try again soon
  // rather than leave it on disk until the next burst.
  let retry: NodeJS.Timeout | null = null;
  const retryTruncate = () => {
    retry ??= setTimeout(() => {
      retry = null;
      if (backlog === 0 && !storage.truncateLog()) retryTruncate();
    }, 1000);
    retry.unref();
  };
  const run = () => {
    timer = null;
    const quietFor = Date.now() - lastStored;
    if (quietFor < idleMs && backlog < maxBacklog) return schedule(idleMs - quietFor);
    expand(chunk);
    // The WAL is a log in commit order, i.e. in submission order. Once the burst is over and
    // everything is expanded, fold it into the database and truncate it, so no file on disk keeps
    // that order longer than a moment of quiet.
    if (backlog === 0 && !storage.truncateLog()) retryTruncate();
    schedule(0);
  };
  schedule(idleMs);

  return {
    noteStored(count) {
      if (count === 0) return;
      backlog += count;
      lastStored = Date.now();
      schedule(idleMs);
    },
    catchUp() {
      // Stops on a failed pass too, so a broken row can never spin a reader forever.
      while (expand(1000) > 0);
    },
    stop() {
      if (timer) clearTimeout(timer);
      if (retry) clearTimeout(retry);
      timer = null;
      retry = null;
    },
  };
}
