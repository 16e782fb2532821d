// Printed links that work: PUBLIC_URL, else the address and port really listened on, and the CLI
// printing, from the same settings file, the very URLs the server printed.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { baseUrl } from "../../../server/links/link-urls.ts";
import { freePort } from "../../support/child-server.ts";
import { refusedStart, runCli, startServerMain } from "./run-entry.ts";

const lan = () => "192.168.1.20";
const noLan = () => null;

describe("the rule", () => {
  it("PUBLIC_URL wins over any host", () => {
    const publicUrl = "https://survey.example.gov.cn";
    expect(baseUrl({ publicUrl, host: "127.0.0.1" }, 3000, lan)).toBe(publicUrl);
    expect(baseUrl({ publicUrl, host: "0.0.0.0" }, 0, lan)).toBe(publicUrl);
  });

  it("a specific HOST is the address printed, IPv6 in brackets", () => {
    expect(baseUrl({ publicUrl: null, host: "127.0.0.1" }, 41234, lan)).toBe(
      "http://127.0.0.1:41234",
    );
    expect(baseUrl({ publicUrl: null, host: "10.1.2.3" }, 80, lan)).toBe("http://10.1.2.3:80");
    expect(baseUrl({ publicUrl: null, host: "::1" }, 3000, lan)).toBe("http://[::1]:3000");
    expect(baseUrl({ publicUrl: null, host: "fe80::1%eth0" }, 3000, lan)).toBe(
      "http://[fe80::1%25eth0]:3000",
    );
  });

  it("HOST 0.0.0.0 or :: listens everywhere: the LAN address, else 127.0.0.1", () => {
    for (const host of ["0.0.0.0", "::", "0:0:0:0:0:0:0:0"]) {
      expect(baseUrl({ publicUrl: null, host }, 3000, lan)).toBe("http://192.168.1.20:3000");
      expect(baseUrl({ publicUrl: null, host }, 3000, noLan)).toBe("http://127.0.0.1:3000");
    }
  });
});

/** The respondent links, the setup link and the console address a start printed. */
function printedUrls(stdout: string) {
  const links = [...stdout.matchAll(/(http:\/\/\S+\/s\/[A-Za-z0-9_-]{21})/g)].map(
    (m) => m[1] ?? "",
  );
  const consoleUrl = /Admin console: (\S+)/.exec(stdout)?.[1] ?? "";
  const setup = /(\S+\/admin\/#setup=\S+)/.exec(stdout)?.[1] ?? "";
  return { links, consoleUrl, setup };
}

describe("a started server", { timeout: 60_000 }, () => {
  it("HOST=127.0.0.1 PORT=0: prints the port it got, and every printed link answers", async () => {
    const dir = mkdtempSync(join(tmpdir(), "printed-"));
    const server = await startServerMain([], {
      HOST: "127.0.0.1",
      PORT: "0",
      DATABASE_PATH: join(dir, "survey.db"),
    });
    try {
      const port = /Listening on 127\.0\.0\.1:(\d+)/.exec(server.stdout)?.[1];
      expect(Number(port)).toBeGreaterThan(0);
      const base = `http://127.0.0.1:${port}`;
      const { links, consoleUrl, setup } = printedUrls(server.stdout);
      expect(links).toHaveLength(1);
      expect(links[0]?.startsWith(`${base}/s/`)).toBe(true);
      expect(consoleUrl).toBe(`${base}/admin/`);
      expect(setup.startsWith(`${base}/admin/#setup=`)).toBe(true);
      for (const url of [...links, consoleUrl, setup, `${base}/api/openapi.json`])
        expect((await fetch(url)).status, url).toBe(200);
      expect(server.stdout).toContain("this machine only");
    } finally {
      await server.stop();
    }
  });

  it("HOST=::1: links in brackets that answer", async () => {
    const dir = mkdtempSync(join(tmpdir(), "printed-"));
    const server = await startServerMain([], {
      HOST: "::1",
      PORT: "0",
      DATABASE_PATH: join(dir, "survey.db"),
    });
    try {
      const { links } = printedUrls(server.stdout);
      expect(links[0]).toMatch(/^http:\/\/\[::1\]:\d+\/s\//);
      expect((await fetch(links[0] ?? "")).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it("run from another folder with --config: the file's settings, and the CLI prints the same URLs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "printed-"));
    const etc = join(dir, "etc");
    const shell = join(dir, "shell");
    mkdirSync(etc);
    mkdirSync(shell);
    const port = await freePort();
    const file = join(etc, "survey.env");
    writeFileSync(file, `HOST=127.0.0.1\nPORT=${port}\nDATABASE_PATH=survey.db\n`);
    // Surveys and the built pages are found in the app's folder, not the shell's.
    const server = await startServerMain(["--config", file], {}, shell);
    try {
      expect(server.stdout).toContain(`Settings: ${file} (environment variables override it)`);
      expect(server.stdout).toContain(`(database: ${join(etc, "survey.db")})`);
      const [served] = printedUrls(server.stdout).links;
      expect(served).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/s/`));
      expect((await fetch(served ?? "")).status).toBe(200);
      const listed = runCli(["link", "list", "--config", file], {}, shell);
      expect(listed.stderr).toBe("");
      expect(listed.stdout).toContain(served);
    } finally {
      await server.stop();
    }
  });

  it("a settings file with a typo, or a named file that is missing, refuses the start in one line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "printed-"));
    const file = join(dir, "survey.env");
    writeFileSync(file, `DATABASE_PATH=${join(dir, "s.db")}\nPROT=8080\n`);
    const typo = await refusedStart(["--config", file], { HOST: "127.0.0.1", PORT: "0" });
    expect(typo.status).toBe(1);
    expect(typo.stderr).toBe(
      `Cannot start: ${file} line 2: PROT is not a setting (did you mean PORT?)\n`,
    );
    expect(typo.stdout).not.toContain("Listening on");
    const missing = await refusedStart([], {
      SURVEY_CONFIG: join(dir, "gone.env"),
      HOST: "127.0.0.1",
      PORT: "0",
    });
    expect(missing.stderr).toBe(
      `Cannot start: settings file ${join(dir, "gone.env")} does not exist (named by SURVEY_CONFIG)\n`,
    );
  });
});
