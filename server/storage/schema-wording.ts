// The words both engines' schema checks use (schema-check.ts for the SQLite file,
// postgres/pg-schema-check.ts), so an operator reads one kind of line whichever database refused:
// `has an unexpected trigger "copy_codes" on table codes (not made by this program's migrations)`.

/** An object the migrations do not make; `on` is where it acts, e.g. `table codes`. */
export const unexpectedObject = (kind: string, name: string, on?: string) =>
  `has an unexpected ${kind} ${JSON.stringify(name)}${on ? ` on ${on}` : ""} (not made by this program's migrations)`;

export const differentObject = (kind: string, name: string, detail: string) =>
  `has ${kind} ${shown(name)} different from what the migrations make (${detail})`;

export const missingObject = (kind: string, name: string) => `is missing ${kind} ${shown(name)}`;

/** The first problem, and how many more there are; null when there is none. */
export function firstProblem(problems: string[]): string | null {
  if (problems.length === 0) return null;
  return `${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ""}`;
}

/**
 * How a table's columns differ, as one clause: an extra column first (it is what could record),
 * then a missing one, the order, and a column declared otherwise (`same` judges one pair).
 */
export function columnDifference<C extends { name: string }>(
  actual: C[],
  wanted: C[],
  same: (actual: C, wanted: C) => boolean,
): string | null {
  const names = (cs: C[]) => cs.map((c) => c.name);
  const extra = names(actual).filter((n) => !names(wanted).includes(n));
  if (extra.length > 0) return `column ${JSON.stringify(extra[0])} is extra`;
  const missing = names(wanted).filter((n) => !names(actual).includes(n));
  if (missing.length > 0) return `column ${shown(missing[0] ?? "")} is missing`;
  for (const [i, want] of wanted.entries()) {
    const column = actual[i];
    if (column?.name !== want.name) return "its columns are in another order";
    if (!same(column, want)) return `column ${shown(want.name)} is declared differently`;
  }
  return null;
}

/** Names as typed when plain; quoted (and escaped, so the message stays one line) otherwise. */
export const shown = (name: string) =>
  /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : JSON.stringify(name);
