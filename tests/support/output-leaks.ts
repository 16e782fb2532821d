// Counts occurrences of many exact strings (ids, texts) in a server's captured output, in one pass
// per needle length, so 10,000 responses' worth of needles cost seconds, not minutes.

/** Needles by kind, e.g. { responseIds: [...], linkIds: [...] }; returns hits per kind. */
export function countLeaks(
  output: string,
  needles: Record<string, Iterable<string>>,
): Record<string, number> {
  const hits: Record<string, number> = {};
  const byLength = new Map<number, Map<string, string>>();
  for (const [kind, list] of Object.entries(needles)) {
    hits[kind] = 0;
    for (const needle of list) {
      if (needle.length === 0) continue;
      const sameLength = byLength.get(needle.length) ?? new Map<string, string>();
      sameLength.set(needle, kind);
      byLength.set(needle.length, sameLength);
    }
  }
  for (const [length, kinds] of byLength) {
    for (let i = 0; i + length <= output.length; i++) {
      const kind = kinds.get(output.slice(i, i + length));
      if (kind !== undefined) hits[kind] = (hits[kind] ?? 0) + 1;
    }
  }
  return hits;
}
