// `npm run dev`: the development loop. Vite rebuilds the pages on change and tsx restarts the
// server from its TypeScript sources; nothing is compiled to dist/server. Ctrl+C stops both.
import { spawn } from "node:child_process";
import { root, toolScript } from "./dev-tools.mjs";

const vite = toolScript("vite");
if (vite === null) {
  console.error("npm run dev needs the dev dependencies: npm ci");
  process.exit(1);
}

const children = [
  spawn(process.execPath, [vite, "build", "--watch", "--logLevel", "warn"], {
    cwd: root,
    stdio: "inherit",
  }),
  spawn(
    process.execPath,
    ["--import", "tsx", "--watch", "server/main.ts", ...process.argv.slice(2)],
    {
      cwd: root,
      stdio: "inherit",
    },
  ),
];
const stop = (signal) => {
  for (const child of children) child.kill(signal);
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
for (const child of children)
  child.on("exit", (code) => {
    stop("SIGTERM");
    process.exitCode = code ?? 0;
  });
