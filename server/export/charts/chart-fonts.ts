// Which fonts the chart rasterizer loads: one Chinese font file found once, because parsing every
// system font for each chart costs far more than drawing it.
import { readdirSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { ResvgRenderOptions } from "@resvg/resvg-js";

export type ChartFonts = NonNullable<ResvgRenderOptions["font"]>;

const FONT_DIRS = [
  "/usr/share/fonts",
  "/usr/local/share/fonts",
  join(homedir(), ".local/share/fonts"),
  join(homedir(), ".fonts"),
];

/** Font files with Chinese glyphs and Latin ones too, best first (the chart's family order). */
const CJK_FILES = [
  /simhei\.ttf$/i,
  /msyh\.tt[cf]$/i,
  /NotoSansCJK.*-Regular\.tt[co]$/i,
  /NotoSansSC.*\.[ot]tf$/i,
  /SourceHanSans.*\.tt[co]$/i,
  /wqy-microhei\.ttc$/i,
  /wqy-zenhei\.ttc$/i,
  /NotoSerifCJK.*-Regular\.tt[co]$/i,
  /DroidSansFallback.*\.ttf$/i,
];

function fontFiles(dir: string, depth = 0, found: string[] = []): string[] {
  if (depth > 4 || found.length > 5000) return found;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return found;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (/\.(ttf|ttc|otf|otc)$/i.test(name)) found.push(path);
    else if (!name.includes(".") || statSync(path, { throwIfNoEntry: false })?.isDirectory())
      fontFiles(path, depth + 1, found);
  }
  return found;
}

let chosen: ChartFonts | null = null;

/**
 * One Chinese font file if the machine has one (its Latin glyphs draw the figures); otherwise all
 * system fonts, so figures still draw and canDrawChinese() reports the missing Chinese.
 */
export function defaultChartFonts(): ChartFonts {
  if (chosen) return chosen;
  const files = FONT_DIRS.flatMap((dir) => fontFiles(dir));
  for (const pattern of CJK_FILES) {
    const file = files.find((f) => pattern.test(f));
    if (file) {
      chosen = { loadSystemFonts: false, fontFiles: [file] };
      return chosen;
    }
  }
  chosen = { loadSystemFonts: true };
  return chosen;
}
