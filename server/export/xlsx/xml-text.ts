// Escapes text for sheet XML so that any respondent's text reaches the cell exactly as typed.

/** Markup characters, CR, the C0 controls and U+FFFE/U+FFFF (not allowed in XML 1.0), or "_xHHHH_". */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
const SPECIAL = /[&<>"\r\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
};

/**
 * Excel's own escape for characters XML cannot carry, and for CR, which an XML parser would turn
 * into LF; Excel writes CR as _x000D_ itself, and LibreOffice and SheetJS decode it.
 */
const excelEscape = (c: string) =>
  `_x${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}_`;

/**
 * Text for an element or a double-quoted attribute. A literal "_x0041_" gets its "_" escaped as
 * _x005F_, or Excel would show "A". Lone surrogates need nothing here: UTF-8 encoding turns them
 * into U+FFFD, which is valid XML.
 */
export function escapeXml(text: string): string {
  SPECIAL.lastIndex = 0;
  if (!SPECIAL.test(text)) return text;
  return text.replace(SPECIAL, (c) => ENTITIES[c] ?? excelEscape(c));
}

/** Spreadsheet programs trim leading and trailing blanks unless the text asks to keep them. */
export const needsPreserve = (text: string): boolean => /^\s|\s$/.test(text);
