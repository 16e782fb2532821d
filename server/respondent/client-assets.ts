// Finds the built pages (hashed file names) in Vite's manifest: the phone page and the console.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** One page's entry script, its stylesheets, and the chunks it imports (preloaded, no waterfall). */
export interface PageBundle {
  script: string;
  styles: string[];
  preloads: string[];
}

export interface ClientAssets {
  /** Folder holding assets/, served at /assets/. */
  root: string;
  respond: PageBundle;
  /** The console; null when only the phone page was built. */
  admin: PageBundle | null;
}

export const RESPOND_ENTRY = "client/respond/main.ts";
export const ADMIN_ENTRY = "client/admin/main.ts";

interface ManifestChunk {
  file: string;
  css?: string[];
  imports?: string[];
}

type Manifest = Record<string, ManifestChunk>;

function bundleOf(manifest: Manifest, key: string): PageBundle | null {
  const entry = manifest[key];
  if (!entry || typeof entry.file !== "string") return null;
  const preloads: string[] = [];
  const styles = new Set(entry.css ?? []);
  const visit = (imports: string[] = []) => {
    for (const name of imports) {
      const chunk = manifest[name];
      if (!chunk || preloads.includes(`/${chunk.file}`)) continue;
      preloads.push(`/${chunk.file}`);
      for (const css of chunk.css ?? []) styles.add(css);
      visit(chunk.imports);
    }
  };
  visit(entry.imports);
  return { script: `/${entry.file}`, styles: [...styles].map((f) => `/${f}`), preloads };
}

export function loadClientAssets(distDir: string): ClientAssets | null {
  const manifestPath = join(distDir, ".vite", "manifest.json");
  if (!existsSync(manifestPath)) return null;
  const manifest: Manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  const respond = bundleOf(manifest, RESPOND_ENTRY);
  return respond ? { root: distDir, respond, admin: bundleOf(manifest, ADMIN_ENTRY) } : null;
}
