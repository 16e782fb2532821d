// fast-check arbitraries for hostile URLs: path ids (random, "..", %00, bad escapes, very long)
// and query strings (random, repeated, prototype keys), sent exactly as written, never normalised.
import fc from "fast-check";

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Percent-encodes the UTF-8 bytes of `text` (a lone surrogate becomes U+FFFD, not an error). */
export function encodeSegment(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const char = String.fromCharCode(byte);
    out += UNRESERVED.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Path segments as they go on the wire: traversal, NUL, broken escapes, raw Latin-1 bytes. */
const HOSTILE_SEGMENTS = [
  "..",
  ".",
  "%2e%2e",
  "..%2F..%2Fetc%2Fpasswd",
  "%2F",
  "%00",
  "a%00b",
  "%ZZ",
  "%",
  "%E0%A4%A",
  "%ED%A0%80",
  "%C0%AF",
  "%F0%9F%92%A5",
  "caf\u00e9",
  "\u00ff\u00fe",
  "__proto__",
  "constructor",
  "prototype",
  "null",
  "undefined",
  "-1",
  "0",
  "1e309",
  "%20",
  "+",
  "'%20OR%201=1--",
  "%3Cscript%3E",
  "qr.svg",
];

/** One hostile path segment: a known troublemaker, random text, random bytes, or very long. */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 60 }).map(encodeSegment) },
  {
    weight: 1,
    arbitrary: fc
      .uint8Array({ minLength: 1, maxLength: 40 })
      .map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("")),
  },
  // Past Node's 16 KB header limit the server itself answers 431.
  { weight: 1, arbitrary: fc.constantFrom(200, 5_000, 20_000).map((n) => "x".repeat(n)) },
);

/** `template` ("/admin/links/{id}") with each parameter valid or hostile; `hostile` of 1 in … */
export function hostilePath(
  template: string,
  valid: Readonly<Record<string, readonly string[]>>,
  hostileWeight: number,
): fc.Arbitrary<string> {
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");
  if (names.length === 0) return fc.constant(template);
  const value = (name: string) => {
    const good = valid[name] ?? [];
    return good.length === 0
      ? hostileSegment
      : fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...good.map(encodeSegment)) },
          { weight: hostileWeight, arbitrary: hostileSegment },
        );
  };
  return fc
    .tuple(...names.map(value))
    .map((values) =>
      names.reduce((path, name, i) => path.replace(`{${name}}`, values[i] ?? ""), template),
    );
}

/** Query pairs nobody documented: prototype keys, bracket syntax, broken escapes, no value. */
const JUNK_PAIRS = [
  "__proto__=x",
  "__proto__[polluted]=1",
  "constructor[prototype][polluted]=1",
  "%ZZ=%ZZ",
  "a",
  "=",
  "",
  "%00=%00",
  ";",
  `long=${"b".repeat(5000)}`,
];

/** Hostile values for one parameter: bad, bad twice, valid then bad, or left out. */
function hostilePairs(name: string, good: readonly string[]): fc.Arbitrary<string[]> {
  const bad = hostileSegment.map((v) => `${name}=${v}`);
  const options = [
    { weight: 3, arbitrary: bad.map((p) => [p]) },
    { weight: 1, arbitrary: fc.tuple(bad, bad).map((ps) => [...ps]) },
    { weight: 1, arbitrary: fc.constant<string[]>([]) },
  ];
  if (good.length === 0) return fc.oneof(...options);
  const goodPair = fc.constantFrom(...good);
  return fc.oneof(...options, {
    weight: 1,
    arbitrary: fc.tuple(goodPair, bad).map((ps) => [...ps]),
  });
}

/**
 * A query string (with its "?"): all valid, all valid but one parameter, or every parameter
 * at random; plus, sometimes, pairs nobody documented.
 */
export function hostileQuery(
  params: readonly string[],
  valid: Readonly<Record<string, readonly string[]>>,
): fc.Arbitrary<string> {
  const good = (name: string) => (valid[name] ?? []).map((v) => `${name}=${encodeSegment(v)}`);
  const validPairs = (name: string): fc.Arbitrary<string[]> =>
    good(name).length === 0 ? fc.constant([]) : fc.constantFrom(...good(name)).map((p) => [p]);
  const anyPairs = (name: string) =>
    fc.oneof(
      { weight: 1, arbitrary: validPairs(name) },
      { weight: 1, arbitrary: hostilePairs(name, good(name)) },
    );
  const oneBad = fc.nat().chain((n) => {
    const bad = params.length === 0 ? -1 : n % params.length;
    return fc.tuple(
      ...params.map((name, i) => (i === bad ? hostilePairs(name, good(name)) : validPairs(name))),
    );
  });
  return fc
    .record({
      pairs: fc.oneof(
        { weight: 1, arbitrary: fc.tuple(...params.map(validPairs)) },
        { weight: 3, arbitrary: oneBad },
        { weight: 2, arbitrary: fc.tuple(...params.map(anyPairs)) },
      ),
      junk: fc.oneof(
        { weight: 3, arbitrary: fc.constant<string[]>([]) },
        {
          weight: 1,
          arbitrary: fc.array(fc.constantFrom(...JUNK_PAIRS), { minLength: 1, maxLength: 2 }),
        },
      ),
    })
    .map(({ pairs, junk }) => {
      const all = [...pairs.flat(), ...junk];
      return all.length === 0 ? "" : `?${all.join("&")}`;
    });
}
