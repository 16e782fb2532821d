// Builds JSON text with one part swapped for raw text: how fuzz bodies put "__proto__" keys,
// lone-surrogate escapes or 5,000-deep nesting exactly where they want, deep inside a valid body.
import type fc from "fast-check";

type Json = fc.JsonValue;
export type JsonPath = readonly (string | number)[];

/** An object's JSON text from keys and value texts: keys like "__proto__" stay own keys. */
export const objectText = (entries: readonly (readonly [string, string])[]) =>
  `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(",")}}`;

/** Every path inside `value` (not the root itself), parents before children. */
export function pathsOf(value: Json, prefix: JsonPath = []): JsonPath[] {
  const children: [string | number, Json][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : value !== null && typeof value === "object"
      ? Object.entries(value).flatMap(([k, v]) =>
          v === undefined ? [] : [[k, v] as [string, Json]],
        )
      : [];
  return children.flatMap(([key, child]) => {
    const path = [...prefix, key];
    return [path, ...pathsOf(child, path)];
  });
}

export function valueAt(value: Json, path: JsonPath): Json | undefined {
  let here: Json | undefined = value;
  for (const key of path) {
    if (here === null || typeof here !== "object") return undefined;
    here = Array.isArray(here)
      ? here[Number(key)]
      : Object.hasOwn(here, key)
        ? here[String(key)]
        : undefined;
  }
  return here;
}

/**
 * The JSON text of `value` with the part at `path` replaced by raw `text`; with `text` null the
 * part is left out (an array element or an object member).
 */
export function spliceText(value: Json, path: JsonPath, text: string | null): string {
  const [head, ...rest] = path;
  if (head === undefined) return text ?? "null";
  const inner = (child: Json) => (rest.length === 0 ? text : spliceText(child, rest, text));
  if (Array.isArray(value)) {
    const items = value.flatMap((child, i) => {
      if (i !== head) return [JSON.stringify(child)];
      const replaced = inner(child);
      return replaced === null ? [] : [replaced];
    });
    return `[${items.join(",")}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).flatMap(([k, child]): [string, string][] => {
      if (child === undefined) return [];
      if (k !== head) return [[k, JSON.stringify(child)]];
      const replaced = inner(child);
      return replaced === null ? [] : [[k, replaced]];
    });
    return objectText(entries);
  }
  return JSON.stringify(value);
}
