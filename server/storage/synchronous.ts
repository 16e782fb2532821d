// The SQLite engine answers at once (better-sqlite3 is synchronous): its modules implement the
// synchronous twin of each async store, and `toAsync` wraps one into the interface routes use.

/** The same interface with every Promise unwrapped (and an AsyncIterable read as an Iterable). */
export type Synchronous<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R>
    ? (...args: A) => R
    : T[K] extends (...args: infer A) => AsyncIterable<infer R>
      ? (...args: A) => Iterable<R>
      : T[K];
};

/**
 * Wraps every method of a synchronous store so it returns a Promise. A throw becomes a rejection,
 * as it would from a database client, so callers handle both engines' failures the same way.
 */
export function toAsync<T extends object>(sync: Synchronous<T>): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(sync)) {
    wrapped[name] =
      typeof value === "function"
        ? (...args: unknown[]) => {
            try {
              return Promise.resolve(value(...args));
            } catch (error) {
              return Promise.reject(error);
            }
          }
        : value;
  }
  // Checked by the mapped type: each function property became the same function, answered later.
  return wrapped as T;
}
