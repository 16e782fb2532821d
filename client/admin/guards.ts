// Small composable type guards: every JSON body from the server is checked before it is trusted.
export type Guard<T> = (v: unknown) => v is T;

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export const str: Guard<string> = (v): v is string => typeof v === "string";
export const num: Guard<number> = (v): v is number => typeof v === "number" && Number.isFinite(v);
export const bool: Guard<boolean> = (v): v is boolean => typeof v === "boolean";

export function nullable<T>(guard: Guard<T>): Guard<T | null> {
  return (v): v is T | null => v === null || guard(v);
}

export function arrayOf<T>(guard: Guard<T>): Guard<T[]> {
  return (v): v is T[] => Array.isArray(v) && v.every(guard);
}

export function recordOf<T>(guard: Guard<T>): Guard<Record<string, T>> {
  return (v): v is Record<string, T> => isRecord(v) && Object.values(v).every(guard);
}

export function oneOf<const T extends readonly string[]>(...values: T): Guard<T[number]> {
  return (v): v is T[number] => values.some((x) => x === v);
}

/** The shape names a guard for every key of T, so a guard drifting from its type fails to compile. */
export type Shape<T> = { [K in keyof T]-?: Guard<T[K]> };

export function obj<T>(shape: Shape<T>): Guard<T> {
  const entries: [string, Guard<unknown>][] = Object.entries(shape);
  return (v): v is T => isRecord(v) && entries.every(([key, guard]) => guard(v[key]));
}
