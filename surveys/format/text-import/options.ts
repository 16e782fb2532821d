// Recognises options: "A." "A、" "A)" "(A)" one per line or several on a line, and □ / ○ marks.
import { sliceLine } from "./lines.ts";

export interface FoundOption {
  /** The letter printed before the label, upper-cased; none for □ and ○ marks. */
  letter?: string;
  text: string;
  norm: string;
}

type Piece = Pick<FoundOption, "text" | "norm">;

const BOXES = "□☐○◯◎●■◇◆";
const BOX_AT_START = new RegExp(`^[${BOXES}]`);
const BOX = new RegExp(`[${BOXES}]`, "g");
const FIRST_LETTER = /^(?:\(([A-Za-z])\)|([A-Za-z])\s*[.、)])/;

/** Compiled once per letter; sticky state (lastIndex) is set before every use. */
const MARKERS = new Map<string, RegExp>();

/** Where the marker of `letter` starts after `from`, not inside a word ("PDF." is no F). */
function findMarker(norm: string, letter: string, from: number): RegExpExecArray | null {
  let re = MARKERS.get(letter);
  if (!re) {
    // `letter` is one ASCII letter (or the one after Z): nothing to escape.
    re = new RegExp(`(?<![A-Za-z0-9])(?:\\(${letter}\\)|${letter}\\s*[.、)])`, "g");
    MARKERS.set(letter, re);
  }
  re.lastIndex = from;
  return re.exec(norm);
}

/**
 * Splits `line` into options when it starts with an option marker. On one line, the next option
 * is taken only at the next letter in sequence (A then B then C), so a label may contain letters.
 */
export function readOptions(line: Piece): FoundOption[] | undefined {
  if (BOX_AT_START.test(line.norm)) return splitBoxes(line);
  const first = FIRST_LETTER.exec(line.norm);
  const letter = first?.[1] ?? first?.[2];
  if (!first || !letter) return undefined;
  const found: FoundOption[] = [];
  let code = letter.charCodeAt(0);
  let start = first[0].length;
  for (;;) {
    // Z (or z) ends the alphabet: the character after it is no letter.
    const atEnd = code === 90 || code === 122;
    const next = atEnd ? null : findMarker(line.norm, String.fromCharCode(code + 1), start);
    const label = sliceLine(line, start, next?.index);
    found.push({ letter: String.fromCharCode(code).toUpperCase(), ...label });
    if (!next) return found;
    code += 1;
    start = next.index + next[0].length;
  }
}

function splitBoxes(line: Piece): FoundOption[] {
  const marks = [...line.norm.matchAll(BOX)].map((m) => m.index);
  return marks.map((at, i) => sliceLine(line, at + 1, marks[i + 1]));
}

/**
 * Options printed on the question's own line: "1. 您的性别 □男 □女" or "…如何? A.好 B.较好".
 * Taken only when at least two options follow, after a space or a question mark.
 */
export function splitInlineOptions(rest: Piece): { question: Piece; options: FoundOption[] } {
  const none = { question: rest, options: [] };
  const box = rest.norm.search(BOX);
  const letter = findMarker(rest.norm, "A", 0) ?? findMarker(rest.norm, "a", 0);
  const at = box > 0 ? box : (letter?.index ?? -1);
  if (at <= 0 || !/[\s?:]$/.test(rest.norm.slice(0, at))) return none;
  const options = readOptions(sliceLine(rest, at)) ?? [];
  return options.length < 2 ? none : { question: sliceLine(rest, 0, at), options };
}
