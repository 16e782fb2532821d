// word/fontTable.xml with each font's fallback chain as w:altName: the docx package writes only
// embedded fonts there, so the report replaces the part (Packer's overrides) with this one.
import { FONTS, type FontChain, LATIN_FONT } from "./gbt9704.ts";

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"]/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c] ?? c,
  );

/** One w:font: altName is a comma-separated list of other names Word may find the font by. */
function fontEntry(font: FontChain, charset: string): string {
  return [
    `<w:font w:name="${escapeXml(font.name)}">`,
    `<w:altName w:val="${escapeXml(font.fallbacks.join(","))}"/>`,
    font.panose ? `<w:panose1 w:val="${font.panose}"/>` : "",
    `<w:charset w:val="${charset}"/>`,
    `<w:family w:val="${font.family}"/>`,
    `<w:pitch w:val="${font.family === "modern" ? "fixed" : "variable"}"/>`,
    "</w:font>",
  ].join("");
}

export function fontTableXml(): string {
  const chinese = Object.values(FONTS).map((font) => fontEntry(font, "86"));
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">',
    ...chinese,
    fontEntry(LATIN_FONT, "00"),
    "</w:fonts>",
  ].join("");
}

/** The override Packer.toBuffer takes. */
export const fontTableOverride = () => ({ path: "word/fontTable.xml", data: fontTableXml() });
