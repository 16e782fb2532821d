// settings an office can write that start a server that does not work. An
// empty value (PORT=, left by blanking a value in Notepad) must be refused with one line, as
// SUBMIT_LIMIT_PER_ADDRESS= already is, never read as port 0, "listen on everything" or "the
// current directory"; nor a number in another notation, nor a PUBLIC_URL with a path.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configProblem, type Folders, loadConfig } from "../../../server/config.ts";

function officeFile(text: string) {
  const base = mkdtempSync(join(tmpdir(), "odd-values-"));
  const folders: Folders = { root: join(base, "app"), cwd: "/" };
  mkdirSync(folders.root);
  const file = join(base, "survey.env");
  writeFileSync(file, text);
  return { file, folders };
}

/** The refusal the start would print, from loadConfig or configProblem; null when it would start. */
function refusal(text: string): string {
  const { file, folders } = officeFile(text);
  const loaded = loadConfig({ SURVEY_CONFIG: file }, [], folders);
  if (!loaded.ok) return loaded.problem;
  const { port, host, databasePath, surveysDir, distDir } = loaded.config;
  return (
    configProblem(loaded.config) ??
    `accepted: ${JSON.stringify({ port, host, databasePath, surveysDir, distDir })}`
  );
}

describe("an empty value in the settings file", () => {
  // Already right: the defence-turning-off case is refused.
  it("SUBMIT_LIMIT_PER_ADDRESS= is refused (holds today)", () => {
    expect(refusal("SUBMIT_LIMIT_PER_ADDRESS=\n")).toMatch(/SUBMIT_LIMIT_PER_ADDRESS/);
  });

  // PORT= becomes Number("") = 0: the server listens on a random port, nginx (127.0.0.1:3000)
  // answers 502 to every phone, and the start reports success.
  it.each(["PORT=", "HOST=", "DATABASE_PATH=", "SURVEYS_DIR=", "DIST_DIR="])(
    "%s is refused, naming the key",
    (line) => {
      const key = line.slice(0, -1);
      expect(refusal(`${line}\n`)).toMatch(new RegExp(key));
    },
  );

  // Number() reads hex and exponents: PORT=0x1F90 listens on 8080, PORT=8e3 on 8000.
  it.each(["PORT=0x1F90", "PORT=8e3", "PORT=80.0"])(
    "%s is refused, not read as another number",
    (line) => {
      expect(refusal(`${line}\n`)).toMatch(/PORT/);
    },
  );
});

describe("PUBLIC_URL", () => {
  // The app has no base path: pages and the console call /api/… and /s/… from the root, and the
  // shipped nginx site proxies `location /`. A path in PUBLIC_URL only breaks every printed link,
  // QR code and slip (https://oa.example.gov.cn/survey/s/<id> answers 404).
  it.each([
    "https://oa.example.gov.cn/survey",
    "https://survey.example.gov.cn/?from=qr",
    "https://survey.example.gov.cn/#x",
  ])("%s (not a bare origin) is refused", (url) => {
    expect(refusal(`PUBLIC_URL=${url}\n`)).toMatch(/PUBLIC_URL/);
  });
});
