// Serves the built assets from memory, pre-gzipped: they are small, hashed and immutable.
import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { Hono } from "hono";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

interface Asset {
  type: string;
  body: Uint8Array;
  gzip: Uint8Array;
}

function readAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return assets;
  }
  for (const name of names) {
    const type = TYPES[extname(name)];
    if (!type) continue;
    const body = readFileSync(join(dir, name));
    assets.set(name, { type, body, gzip: gzipSync(body, { level: 9 }) });
  }
  return assets;
}

/** `cache` is the Cache-Control for these files: long for hashed names, short otherwise. */
export function staticFiles(dir: string, cache: string) {
  const assets = readAssets(dir);
  return new Hono().get("/:name", (c) => {
    const asset = assets.get(c.req.param("name"));
    if (!asset) return c.text("Not found", 404);
    c.header("Content-Type", asset.type);
    c.header("Cache-Control", cache);
    c.header("Vary", "Accept-Encoding");
    if ((c.req.header("Accept-Encoding") ?? "").includes("gzip")) {
      c.header("Content-Encoding", "gzip");
      return c.body(asset.gzip as Uint8Array<ArrayBuffer>);
    }
    return c.body(asset.body as Uint8Array<ArrayBuffer>);
  });
}
