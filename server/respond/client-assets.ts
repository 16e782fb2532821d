// Finds the built phone page (hashed file names) in Vite's manifest.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface ClientAssets {
  /** Folder holding assets/, served at /assets/. */
  root: string;
  respondScript: string;
  respondStyles: string[];
  /** The console's bundle; null when only the phone page was built. */
  admin: { script: string; styles: string[] } | null;
}

export const RESPOND_ENTRY = "client/respond/main.ts";
export const ADMIN_ENTRY = "client/admin/main.ts";

interface ManifestChunk {
  file: string;
  css?: string[];
}

export function loadClientAssets(distDir: string): ClientAssets | null {
  const manifestPath = join(distDir, ".vite", "manifest.json");
  if (!existsSync(manifestPath)) return null;
  const manifest: Record<string, ManifestChunk> = JSON.parse(readFileSync(manifestPath, "utf8"));
  const entry = manifest[RESPOND_ENTRY];
  if (!entry || typeof entry.file !== "string") return null;
  const admin = manifest[ADMIN_ENTRY];
  return {
    root: distDir,
    admin:
      admin && typeof admin.file === "string"
        ? { script: `/${admin.file}`, styles: (admin.css ?? []).map((f) => `/${f}`) }
        : null,
    respondScript: `/${entry.file}`,
    respondStyles: (entry.css ?? []).map((f) => `/${f}`),
  };
}
