// fast-check arbitraries for hostile request bodies: random JSON, prototype keys, huge strings,
// deep nesting, invalid UTF-8, lone surrogates and NUL, mutations of a valid body, wrong types.
import fc from "fast-check";
import { objectText, pathsOf, spliceText, valueAt } from "./json-text.ts";

export type JsonObject = { [key: string]: fc.JsonValue };

export interface FuzzBody {
  /** Which family made it, for the figures and for reading a counterexample. */
  family: string;
  /** Exactly what goes on the wire (built as bytes, so invalid UTF-8 really is invalid). */
  bytes: Uint8Array;
  /** null: no Content-Type header at all. */
  contentType: string | null;
  /** Sent with Transfer-Encoding: chunked instead of a Content-Length. */
  chunked: boolean;
}

/** A body under construction: text, with raw bytes where text cannot say it. */
type Piece = string | Uint8Array;

const encoder = new TextEncoder();
const toBytes = (pieces: Piece[]): Uint8Array =>
  Buffer.concat(pieces.map((p) => (typeof p === "string" ? encoder.encode(p) : p)));

const entriesOf = (o: { readonly [key: string]: fc.JsonValue | undefined }) =>
  Object.entries(o).flatMap(([key, value]) =>
    value === undefined ? [] : [[key, JSON.stringify(value)] as const],
  );

/** Where a value goes: the whole body, a top-level field (or a new one), or anywhere inside. */
type Place = "whole" | "field" | "nested";
const places = fc.constantFrom<Place>("whole", "field", "field", "nested", "nested");

/** The example's text with `text` at the place; `at` picks the field or path. */
function placed(example: JsonObject, place: Place, at: number, text: string): string {
  if (place === "whole") return text;
  if (place === "nested") {
    const paths = pathsOf(example);
    const path = paths[at % Math.max(1, paths.length)];
    if (path) return spliceText(example, path, text);
  }
  const entries = entriesOf(example);
  const index = at % (entries.length + 1);
  const key = entries[index]?.[0] ?? "extra";
  return objectText([...entries.filter(([k]) => k !== key), [key, text]]);
}

// Random JSON of any shape: a whole body, or a value put in place of a valid one.
const randomJson = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v));

const PROTO_KEYS = ["__proto__", "constructor", "prototype"] as const;
const PROTO_VALUES = [
  '{"isAdmin":true,"role":"admin"}',
  '{"prototype":{"polluted":true}}',
  '{"__proto__":{"polluted":true}}',
  "null",
  '"admin"',
  "[]",
];

/** Prototype keys as real own keys (JSON text, not an object literal), top level or nested. */
const protoKeys = (example: fc.Arbitrary<JsonObject>) =>
  fc
    .record({
      example,
      key: fc.constantFrom(...PROTO_KEYS),
      value: fc.oneof(fc.constantFrom(...PROTO_VALUES), randomJson),
      at: fc.nat(),
    })
    .map(({ example, key, value, at }) => {
      // Into the body itself or any object inside it (answers, categories, a survey's options).
      const objects = pathsOf(example).filter((p) => {
        const v = valueAt(example, p);
        return v !== null && typeof v === "object" && !Array.isArray(v);
      });
      const path = objects[at % (objects.length + 1)];
      const target = path ? valueAt(example, path) : example;
      const members =
        target !== null && typeof target === "object" && !Array.isArray(target)
          ? entriesOf(target)
          : [];
      const text = objectText([[key, value], ...members]);
      return path ? spliceText(example, path, text) : text;
    });

// Sizes around the 256 KB body limit: well under, just under (≥ 200 KB), over, far over.
const HUGE_BYTES = [1_000, 60_000, 210_000, 300_000, 1_000_000] as const;
// Units as they appear in JSON text: ASCII, CJK (3 bytes), emoji (4 bytes), escapes.
const HUGE_UNITS = ["a", "汉", "💥", "\\u0000", "\\\\", "\\ud800"] as const;

const hugeValues = fc
  .record({
    bytes: fc.constantFrom(...HUGE_BYTES),
    unit: fc.constantFrom(...HUGE_UNITS),
    shape: fc.constantFrom("string", "array", "key"),
  })
  .map(({ bytes, unit, shape }) => {
    const n = Math.max(1, Math.floor(bytes / Buffer.byteLength(unit)));
    if (shape === "array") return `[${'"ab",'.repeat(Math.floor(n / 6))}"ab"]`;
    if (shape === "key") return objectText([[unit.repeat(Math.min(n, 100_000)), "1"]]);
    return `"${unit.repeat(n)}"`;
  });

// Depth 1…5,000: parsers and recursive validators are where deep nesting hurts.
const nested = fc
  .record({
    depth: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 5000 })),
    shape: fc.constantFrom("array", "object", "mixed"),
  })
  .map(({ depth, shape }) => {
    if (shape === "array") return "[".repeat(depth) + "]".repeat(depth);
    if (shape === "object") return `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
    return `${'{"a":['.repeat(depth)}1${"]}".repeat(depth)}`;
  });

/** Byte sequences that are not UTF-8: stray continuation, overlong, surrogate, past U+10FFFF… */
const BAD_UTF8 = [
  [0xff],
  [0x80],
  [0xc0, 0xaf],
  [0xc3, 0x28],
  [0xe2, 0x82],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xfe, 0xfe, 0xff, 0xff],
  [0xf0, 0x9f, 0x92],
].map((b) => Uint8Array.from(b));

/** Strings that survive JSON but trouble storage and display: lone surrogates, NUL, bidi. */
const ODD_STRINGS = [
  '"\\ud800"',
  '"a\\udfffb"',
  '"\\udfff\\ud800"',
  '"a\\u0000b"',
  '"\\u0000"',
  '"\\u202eevil"',
  '"\\ufeff"',
  '"\\u2028\\u2029"',
  '"\\"); DROP TABLE responses; --"',
  '"<script>alert(1)</script>"',
];

const fieldPiece = (
  example: fc.Arbitrary<JsonObject>,
  value: fc.Arbitrary<string>,
): fc.Arbitrary<Piece[]> =>
  fc
    .record({ example, value, at: fc.nat(), place: places })
    .map((b) => [placed(b.example, b.place, b.at, b.value)]);

const invalidUtf8 = (example: fc.Arbitrary<JsonObject>): fc.Arbitrary<Piece[]> =>
  fc.oneof(
    fc
      .record({ example, bad: fc.constantFrom(...BAD_UTF8), at: fc.nat(), place: places })
      .map((b) => {
        const [before, after] = placed(b.example, b.place, b.at, '"\u0001SLOT\u0001"').split(
          "\u0001SLOT\u0001",
        );
        return [before ?? "", b.bad, after ?? ""];
      }),
    fc.uint8Array({ maxLength: 2000 }).map((bytes): Piece[] => [bytes]),
    // The right JSON in the wrong encoding: UTF-16 with a byte order mark.
    example.map((e): Piece[] => [Buffer.from(`\ufeff${JSON.stringify(e)}`, "utf16le")]),
  );

const oddStrings = (example: fc.Arbitrary<JsonObject>): fc.Arbitrary<Piece[]> =>
  fc.oneof(
    fieldPiece(example, fc.constantFrom(...ODD_STRINGS)),
    // A raw NUL or control byte inside a string is not JSON at all.
    fieldPiece(example, fc.constantFrom('"a\u0000b"', '"\u0007"', '"line\nbreak"')),
    // Odd keys rather than odd values.
    fc.constantFrom(...ODD_STRINGS).map((k): Piece[] => [`{${k}:1}`]),
  );

/** Drop, replace or retype one part of a valid body (top level or deep), or add a field. */
const mutated = (example: fc.Arbitrary<JsonObject>) =>
  fc
    .record({
      example,
      at: fc.nat(),
      deep: fc.boolean(),
      how: fc.constantFrom("drop", "replace", "retype", "duplicate", "unknown"),
      value: randomJson,
    })
    .map(({ example, at, deep, how, value }) => {
      const entries = entriesOf(example);
      const paths = deep ? pathsOf(example) : entries.map(([k]) => [k]);
      const path = paths[at % Math.max(1, paths.length)];
      if (how === "unknown" || !path) return objectText([...entries, ["unexpected", value]]);
      // A repeated key: JSON.parse keeps the last, a streaming parser might keep the first.
      if (how === "duplicate") return objectText([...entries, [String(path[0]), value]]);
      if (how === "drop") return spliceText(example, path, null);
      const old = JSON.stringify(valueAt(example, path) ?? null);
      return spliceText(example, path, how === "replace" ? value : retype(old));
    });

/** The same content as another JSON type, plus the numbers JSON allows but JS mangles. */
function retype(valueText: string): string {
  const value: unknown = JSON.parse(valueText);
  if (typeof value === "string") return /^-?\d+(\.\d+)?$/.test(value) ? value : "1e309";
  if (typeof value === "number") return JSON.stringify(String(value));
  if (typeof value === "boolean") return JSON.stringify(String(value));
  if (Array.isArray(value)) return JSON.stringify(Object.assign({}, value));
  if (value === null) return "-0";
  return `[${valueText}]`;
}

/** Not JSON, or not only JSON: cut short, trailing garbage, comments, a byte order mark. */
const brokenJson = (example: fc.Arbitrary<JsonObject>) =>
  fc.record({ example, cut: fc.nat(), how: fc.nat({ max: 7 }) }).map(({ example, cut, how }) => {
    const text = JSON.stringify(example);
    const variants = [
      text.slice(0, cut % Math.max(1, text.length)),
      `${text}}{`,
      `${text},`,
      `\ufeff${text}`,
      `// comment\n${text}`,
      text.replaceAll('"', "'"),
      "",
      " \n\t ",
    ];
    return variants[how] ?? "";
  });

const asPieces = (text: fc.Arbitrary<string>) => text.map((t): Piece[] => [t]);

/** Every family, weighted so that each endpoint still sees its valid and near-valid bodies. */
export function hostilePayloads(example: fc.Arbitrary<JsonObject>) {
  const family = (name: string, weight: number, arbitrary: fc.Arbitrary<Piece[]>) => ({
    weight,
    arbitrary: arbitrary.map((pieces) => ({ family: name, pieces })),
  });
  return fc.oneof(
    family("valid", 5, asPieces(example.map((e) => JSON.stringify(e)))),
    family("mutated", 25, asPieces(mutated(example))),
    family("random-json", 10, asPieces(randomJson)),
    family("proto-keys", 10, asPieces(protoKeys(example))),
    family("huge", 6, fieldPiece(example, hugeValues)),
    family("deep", 8, fieldPiece(example, nested)),
    family("invalid-utf8", 8, invalidUtf8(example)),
    family("odd-strings", 10, oddStrings(example)),
    family("broken-json", 8, asPieces(brokenJson(example))),
  );
}

const JSON_TYPES = [
  "application/json; charset=utf-8",
  "application/json; charset=latin1",
  "APPLICATION/JSON",
  "application/json;",
  "application/json, text/plain",
];
const WRONG_TYPES = [
  "text/plain",
  "text/plain;charset=UTF-8",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=----fuzz",
  "application/jsonx",
  "application/json-patch+json",
  "application/vnd.api+json",
  "*/*",
  "",
];

export const contentTypes: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 14, arbitrary: fc.constant("application/json") },
  { weight: 2, arbitrary: fc.constantFrom(...JSON_TYPES) },
  { weight: 2, arbitrary: fc.constantFrom(...WRONG_TYPES) },
  { weight: 1, arbitrary: fc.constant(null) },
);

/** Hostile bodies for a write endpoint whose valid bodies `example` generates. */
export function hostileBodies(example: fc.Arbitrary<JsonObject>): fc.Arbitrary<FuzzBody> {
  return fc
    .record({
      payload: hostilePayloads(example),
      contentType: contentTypes,
      chunked: fc.boolean(),
    })
    .map(({ payload, contentType, chunked }) => {
      const bytes = toBytes(payload.pieces);
      // Chunked only when small: past the limit the server closes a chunked upload mid-send.
      return {
        family: payload.family,
        bytes,
        contentType,
        chunked: chunked && bytes.length < 65_536,
      };
    });
}
