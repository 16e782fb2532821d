// Reads the banner tables back out of HTML (the printable page, or mammoth's rendering of the DOCX).

const ENTITIES: Record<string, string> = {
  "&lt;": "<",
  "&gt;": ">",
  "&amp;": "&",
  "&quot;": '"',
  "&#39;": "'",
};
const decode = (text: string) => text.replace(/&(lt|gt|amp|quot|#39);/g, (e) => ENTITIES[e] ?? e);
const plain = (cell: string) => decode(cell.replace(/<[^>]*>/g, "")).trim();

/** Each <table>'s rows of cell texts, in document order. */
export function bannerTables(html: string): string[][][] {
  return [...html.matchAll(/<table[^>]*>([\s\S]*?)<\/table>/g)].map(([, table]) =>
    [...(table ?? "").matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map(([, row]) =>
      [...(row ?? "").matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map(([, cell]) =>
        plain(cell ?? ""),
      ),
    ),
  );
}
