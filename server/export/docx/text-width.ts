// How wide a table's text prints, estimated without the fonts: Chinese and full-width signs take a
// whole em; digits and Latin follow Times New Roman (Liberation Serif under LibreOffice), rounded up.

/** Width in em of one character. */
function charEm(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  // CJK, full-width forms, “”‘’、。and the em dash print one em wide in a Chinese font.
  if (code >= 0x2e80 || (code >= 0x2010 && code <= 0x206f)) return 1;
  if (/[0-9]/.test(ch)) return 0.52;
  if (ch === "." || ch === "," || ch === " " || ch === ":") return 0.28;
  if (ch === "%") return 0.86;
  if (/[A-Z]/.test(ch)) return 0.74;
  return 0.56;
}

export function emWidth(text: string): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em;
}

/** Twips the text needs on one line at `halfPoints` (Word's run size), bold a little wider. */
export function textTwips(text: string, halfPoints: number, bold = false): number {
  return Math.ceil(emWidth(text) * halfPoints * 10 * (bold ? 1.04 : 1));
}
