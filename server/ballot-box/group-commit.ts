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
 * `commitBatch` stores a batch in one transaction and returns one result per item. One commit is
 * in flight at a time: every request arriving meanwhile waits for the next batch, so the busier
 * the server, the bigger the batches. (With SQLite the commit holds the event loop, with
 * PostgreSQL it waits on the network; either way the next batch collects what came meanwhile.)
 */
export function createGroupCommit<T, R>(
  commitBatch: (items: T[]) => Promise<R[]>,
  maxBatch = 500,
): GroupCommit<T, R> {
  const pending: Pending<T, R>[] = [];
  let scheduled = false;
  let committing = false;
  let idle: (() => void)[] = [];

  const flush = async () => {
    scheduled = false;
    if (committing) return; // the commit in flight schedules the next batch when it ends
    committing = true;
    const batch = pending.splice(0, maxBatch);
    try {
      const results = await commitBatch(batch.map((p) => p.item));
      for (const [i, p] of batch.entries()) p.resolve(results[i] as R);
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      committing = false;
    }
    if (pending.length > 0) schedule();
    settleIdle();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => void flush());
  };
  const settleIdle = () => {
    if (pending.length > 0 || scheduled || committing) return;
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
      if (pending.length === 0 && !scheduled && !committing) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
  };
}
