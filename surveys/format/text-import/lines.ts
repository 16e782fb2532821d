// Splits pasted text into numbered lines, each with a half-width twin for the recognisers to read.

/** One non-normalized line as typed, and its 1:1 half-width twin (same length, same offsets). */
export interface Line {
  /** 1-based, counting every line of the pasted text, blank ones too. */
  no: number;
  /** As typed, trimmed: what goes into the survey. */
  text: string;
  /** The same characters with full-width forms made half-width: what the patterns match. */
  norm: string;
}

/**
 * Full-width ASCII forms (．，：（）Ａ１＿) become their half-width letters, and the ideographic
 * space a space. One UTF-16 unit maps to one, so an offset found in the twin slices the original:
 * the survey keeps the office's own punctuation while both widths are recognised alike.
 */
export function toHalfWidth(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000 || c === 0x00a0 || c === 0x09) out += " ";
    else out += s[i];
  }
  return out;
}

export function readLines(text: string): Line[] {
  return text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .map((raw, i) => {
      const norm = toHalfWidth(raw);
      const start = norm.search(/\S/);
      const end = norm.trimEnd().length;
      return start < 0
        ? { no: i + 1, text: "", norm: "" }
        : { no: i + 1, text: raw.slice(start, end), norm: norm.slice(start, end) };
    });
}

/** A slice of a line by offsets of its twin, trimmed on both. */
export function sliceLine(line: Pick<Line, "text" | "norm">, from: number, to?: number) {
  const norm = line.norm.slice(from, to);
  const start = norm.search(/\S/);
  if (start < 0) return { text: "", norm: "" };
  const end = norm.trimEnd().length;
  return {
    text: line.text.slice(from, to).slice(start, end),
    norm: norm.slice(start, end),
  };
}

/** Where the run of `chars` that ends `s` starts (s.length when none): a backward scan, since a
 * regex like /[_ ]*$/ retries from every position and is quadratic on a long line of blanks. */
export function trailingRunStart(s: string, chars: string): number {
  let i = s.length;
  while (i > 0 && chars.includes(s[i - 1] ?? "")) i--;
  return i;
}
