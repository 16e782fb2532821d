// Group commit: submissions that arrive together are stored in one transaction and acknowledged
// together after it commits, so synchronous=FULL costs one fsync per batch instead of per response.

export interface GroupCommit<T, R> {
  submit(item: T): Promise<R>;
  /** Resolves once everything submitted so far is committed (used by graceful shutdown). */
  drain(): Promise<void>;
}

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * `commitBatch` must be synchronous (a better-sqlite3 transaction) and return one result per item.
 * While it runs the event loop is blocked, so the next batch naturally collects every request
 * that arrived meanwhile: the busier the server, the bigger the batches.
 */
export function createGroupCommit<T, R>(
  commitBatch: (items: T[]) => R[],
  maxBatch = 500,
): GroupCommit<T, R> {
  const pending: Pending<T, R>[] = [];
  let scheduled = false;
  let idle: (() => void)[] = [];

  const flush = () => {
    scheduled = false;
    const batch = pending.splice(0, maxBatch);
    if (pending.length > 0) schedule();
    let results: R[];
    try {
      results = commitBatch(batch.map((p) => p.item));
    } catch (error) {
      for (const p of batch) p.reject(error);
      settleIdle();
      return;
    }
    for (const [i, p] of batch.entries()) p.resolve(results[i] as R);
    settleIdle();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };
  const settleIdle = () => {
    if (pending.length > 0 || scheduled) return;
    const waiting = idle;
    idle = [];
    for (const resolve of waiting) resolve();
  };

  return {
    submit(item) {
      return new Promise<R>((resolve, reject) => {
        pending.push({ item, resolve, reject });
        schedule();
      });
    },
    drain() {
      if (pending.length === 0 && !scheduled) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
  };
}
