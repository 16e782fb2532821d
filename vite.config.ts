// Builds the browser bundles into dist/, with a manifest the server reads to find hashed file names.
import { defineConfig, type Plugin } from "vite";

/**
 * Lit's css`` templates are strings Vite never minifies; their comments and indentation cost the
 * phone page about 0.3 KB gzip of its 20 KB budget. Quoted strings (content: "⚠ ") are kept as is.
 */
function minifyCssTemplates(): Plugin {
  const squeeze = (part: string, i: number) =>
    i % 2 === 1
      ? part
      : part
          .replace(/\/\*[\s\S]*?\*\//g, "")
          .replace(/\s+/g, " ")
          .replace(/ ?([{};,>]) ?/g, "$1");
  return {
    name: "minify-css-templates",
    transform(code, id) {
      if (!/\/client\/.*\.ts$/.test(id) || !code.includes("css`")) return null;
      return code.replace(
        /\bcss`([^`]*)`/g,
        (_, body: string) =>
          `css\`${body
            .split(/("[^"]*")/)
            .map(squeeze)
            .join("")
            .trim()}\``,
      );
    },
  };
}

export default defineConfig({
  plugins: [minifyCssTemplates()],
  // The pages are rendered by the server; there is no index.html and nothing to copy from public/.
  publicDir: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    manifest: true,
    assetsDir: "assets",
    minify: true,
    target: "es2020",
    // Entries are plain scripts, not HTML, so the preload polyfill would be dead weight.
    modulePreload: { polyfill: false },
    rollupOptions: {
      // One key per page.
      input: { respond: "client/respond/main.ts", admin: "client/admin/main.ts" },
      // Rollup would name the chunk both pages share (Lit, lit-nonce, client/ui) after one of its
      // modules, e.g. "progress-bar"; say what it is instead.
      output: { chunkFileNames: "assets/shared-[hash].js" },
    },
  },
});
