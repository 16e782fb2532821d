// Keeps spreadsheet programs from running respondents' text as a formula (CSV / formula injection).

/**
 * The ASCII triggers come from OWASP's CSV injection advice; the full-width ones too, because
 * Apple Numbers folds ＝＋－＠ to ASCII before deciding whether a cell is a formula.
 */
const TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"]);

/** Prefixes a leading `'`, which spreadsheets read as "this is text"; applied to text, never numbers. */
export function neutralizeFormula(text: string): string {
  return TRIGGERS.has(text.charAt(0)) ? `'${text}` : text;
}
