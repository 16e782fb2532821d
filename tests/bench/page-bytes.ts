// What a respondent downloads for one survey page: the HTML and every asset it pulls in.
import { request } from "node:http";
import { gunzipSync } from "node:zlib";

export interface Download {
  path: string;
  raw: number;
  gzip: number;
  /** False when the server sent it uncompressed despite Accept-Encoding: gzip. */
  compressed: boolean;
}

export interface PageBytes {
  files: Download[];
  html: { raw: number; gzip: number };
  jsCss: { raw: number; gzip: number };
  total: { raw: number; gzip: number };
}

export const BUDGET_JS_CSS_GZIP = 22 * 1024;
export const BUDGET_TOTAL_GZIP = 30 * 1024;

/** GET with Accept-Encoding: gzip, measuring bytes on the wire and after decoding. */
function download(baseUrl: string, path: string): Promise<Download & { body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { headers: { "Accept-Encoding": "gzip" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        if (res.statusCode !== 200) return reject(new Error(`GET ${path}: HTTP ${res.statusCode}`));
        const wire = Buffer.concat(chunks);
        const compressed = res.headers["content-encoding"] === "gzip";
        const body = compressed ? gunzipSync(wire) : wire;
        resolve({ path, raw: body.length, gzip: wire.length, compressed, body: body.toString() });
      });
    });
    req.on("error", reject).end();
  });
}

/** Scripts and stylesheets the HTML names, plus chunks the JS statically imports. */
function referencedPaths(html: string): string[] {
  const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!);
  const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)];
  return [...scripts, ...styles.map((m) => m[1]!)];
}

function importedChunks(jsPath: string, js: string): string[] {
  const dir = jsPath.slice(0, jsPath.lastIndexOf("/") + 1);
  return [...js.matchAll(/(?:\bfrom|\bimport)\s*"\.\/([\w.-]+\.js)"/g)].map((m) => dir + m[1]);
}

const sum = (files: Download[]) => ({
  raw: files.reduce((n, f) => n + f.raw, 0),
  gzip: files.reduce((n, f) => n + f.gzip, 0),
});

export async function measurePage(baseUrl: string, linkId: string): Promise<PageBytes> {
  const page = await download(baseUrl, `/s/${linkId}`);
  const queue = referencedPaths(page.body);
  const seen = new Set<string>();
  const assets: Download[] = [];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const { body, ...file } = await download(baseUrl, path);
    assets.push(file);
    if (path.endsWith(".js")) queue.push(...importedChunks(path, body));
  }
  // The link id is a capability: keep it out of printed and saved figures.
  const html = { path: "/s/{linkId}", raw: page.raw, gzip: page.gzip, compressed: page.compressed };
  const files = [html, ...assets];
  return {
    files,
    html: { raw: html.raw, gzip: html.gzip },
    jsCss: sum(assets.filter((f) => f.path.startsWith("/assets/"))),
    total: sum(files),
  };
}
