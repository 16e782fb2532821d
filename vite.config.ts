// Builds the browser bundles into dist/, with a manifest the server reads to find hashed file names.
import { defineConfig } from "vite";

export default defineConfig({
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
