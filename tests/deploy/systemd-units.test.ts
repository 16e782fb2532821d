// The shipped systemd units: systemd's own checker accepts them, and they say what the issue asks.
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it, type TestContext } from "vitest";

const SHIPPED = resolve("server/deploy/systemd");
const UNITS = ["survey-backup.service", "survey-backup.timer", "survey.service"];
const PREFIX = "/opt/survey/";

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/**
 * systemd-analyze comes with Debian's `systemd` package. Under CI it must be there (a unit nobody
 * checked would ship); elsewhere a developer without it gets a skip that says why.
 */
const analyzer = spawnSync("systemd-analyze", ["--version"], { encoding: "utf8" });
const systemdVersion = Number(/^systemd (\d+)/.exec(analyzer.stdout ?? "")?.[1] ?? Number.NaN);

function needAnalyzer(context: TestContext, minimumVersion = 0): void {
  if (Number.isNaN(systemdVersion)) {
    if (process.env.CI === "true")
      throw new Error("CI must check the systemd units: apt-get install systemd (systemd-analyze)");
    context.skip(
      "systemd-analyze is not installed (Debian: apt-get install systemd); CI runs this",
    );
  }
  context.skip(
    systemdVersion < minimumVersion,
    `needs systemd ${minimumVersion} or later, found ${systemdVersion}`,
  );
}

/**
 * The shipped units in a temp folder, with only the /opt/survey/ prefix moved to a temp release
 * holding an executable bin/survey stub: verify checks that ExecStart's program exists and runs.
 */
function stage(edit: (name: string, text: string) => string = (_, text) => text) {
  const root = mkdtempSync(join(tmpdir(), "systemd-units-"));
  roots.push(root);
  const release = join(root, "opt", "survey");
  mkdirSync(join(release, "bin"), { recursive: true });
  writeFileSync(join(release, "bin", "survey"), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
  mkdirSync(join(root, "units"));
  const paths = UNITS.map((name) => {
    const text = readFileSync(join(SHIPPED, name), "utf8").replaceAll(PREFIX, `${release}/`);
    const path = join(root, "units", name);
    writeFileSync(path, edit(name, text));
    return path;
  });
  return { root, release, paths };
}

/**
 * `systemd-analyze verify` starts its own manager in test mode inside this process: it never asks
 * PID 1 or D-Bus, so it runs in a container without a running systemd. What it finds in a unit
 * file ("Unknown key 'Restrat'", "Failed to parse ...") is logged as a warning on stderr and often
 * leaves the exit code 0, so every stderr line naming one of our files counts as a failure.
 * SYSTEMD_LOG_LEVEL=info: an inherited =err would hide those warnings. SYSTEMD_LOG_TARGET=console:
 * to stderr, never into the host's journal. --man=no: no man-db needed to check Documentation=.
 * --generators=no: the host's generators (fstab, getty, ...) read the host's config, not ours.
 * --recursive-errors=no: a host unit we merely order after (network-online.target) is not ours.
 */
function verify(root: string, paths: string[]) {
  const run = spawnSync(
    "systemd-analyze",
    ["verify", "--man=no", "--generators=no", "--recursive-errors=no", ...paths],
    {
      encoding: "utf8",
      env: {
        ...process.env,
        SYSTEMD_LOG_LEVEL: "info",
        SYSTEMD_LOG_TARGET: "console",
        SYSTEMD_LOG_COLOR: "0",
      },
    },
  );
  const ours = (line: string) => line.includes(root) || UNITS.some((name) => line.includes(name));
  const problems = `${run.stdout}\n${run.stderr}`.split("\n").filter(ours);
  return { status: run.status, problems };
}

describe("systemd-analyze", () => {
  it("verify accepts the three shipped units with no warning about them", (context) => {
    needAnalyzer(context);
    expect(readdirSync(SHIPPED).sort()).toEqual(UNITS);
    const { root, paths } = stage();
    const verified = verify(root, paths);
    expect(verified.problems).toEqual([]);
    expect(verified.status).toBe(0);
  });

  it("verify goes red on a misspelled directive and on a launcher that cannot run (the check is live)", (context) => {
    needAnalyzer(context);
    const misspelled = stage((name, text) =>
      name === "survey.service" ? text.replace("Restart=on-failure", "Restrat=on-failure") : text,
    );
    expect(verify(misspelled.root, misspelled.paths).problems.join("\n")).toMatch(
      /survey\.service:\d+: Unknown key 'Restrat' in section \[Service\]/,
    );

    const stuck = stage();
    chmodSync(join(stuck.release, "bin", "survey"), 0o644);
    const refused = verify(stuck.root, stuck.paths);
    expect(refused.problems.join("\n")).toMatch(/survey\.service: Command .* is not executable/);
    expect(refused.status).not.toBe(0);
  });

  // --offline (systemd 250+) scores the unit files themselves, with no running manager to ask.
  // --threshold counts on systemd's inner scale of 0 to 100: 20 is the printed 2.0.
  it("security --offline rates both services OK or better (exposure at most 2.0 of 10)", (context) => {
    needAnalyzer(context, 250);
    const { paths } = stage();
    for (const path of paths.filter((p) => p.endsWith(".service"))) {
      const rated = spawnSync(
        "systemd-analyze",
        ["security", "--offline=true", "--man=no", "--threshold=20", path],
        { encoding: "utf8", env: { ...process.env, SYSTEMD_LOG_COLOR: "0", SYSTEMD_COLORS: "0" } },
      );
      const overall = /Overall exposure level for \S+: ([\d.]+)/.exec(rated.stdout)?.[1];
      expect(Number(overall), `${rated.stdout}\n${rated.stderr}`).toBeLessThanOrEqual(2);
      expect(rated.status, rated.stderr).toBe(0);
    }
  });
});

type Sections = Record<string, Record<string, string[]>>;

/** Section → key → every value in order (a key may repeat); comments and blank lines skipped. */
function readUnit(name: string): Sections {
  const sections: Sections = {};
  let current: Record<string, string[]> = {};
  for (const raw of readFileSync(join(SHIPPED, name), "utf8").split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = {};
      sections[header[1] ?? ""] = current;
      continue;
    }
    const at = line.indexOf("=");
    expect(at, `${name}: ${line}`).toBeGreaterThan(0);
    const key = line.slice(0, at).trim();
    current[key] = [...(current[key] ?? []), line.slice(at + 1).trim()];
  }
  return sections;
}

const one = (sections: Sections, section: string, key: string) => {
  const values = sections[section]?.[key] ?? [];
  expect(values, `[${section}] ${key}`).toHaveLength(1);
  return values[0];
};

/** Every setting both services must share: the same user, data folder and walls around them. */
const SHARED: Record<string, string> = {
  User: "survey",
  Group: "survey",
  Environment: "SURVEY_CONFIG=/etc/survey/survey.env",
  StateDirectory: "survey",
  StateDirectoryMode: "0700",
  UMask: "0077",
  StandardOutput: "journal",
  ProtectSystem: "strict",
  ProtectHome: "yes",
  PrivateTmp: "yes",
  PrivateDevices: "yes",
  ProtectKernelTunables: "yes",
  ProtectKernelModules: "yes",
  ProtectControlGroups: "yes",
  NoNewPrivileges: "yes",
  CapabilityBoundingSet: "",
  RestrictNamespaces: "yes",
  LockPersonality: "yes",
  SystemCallFilter: "@system-service",
};

describe("the unit files say", () => {
  const server = readUnit("survey.service");
  const backup = readUnit("survey-backup.service");
  const timer = readUnit("survey-backup.timer");

  it("both services: one user, /var/lib/survey as the only writable place, and the hardening", () => {
    for (const unit of [server, backup]) {
      for (const [key, value] of Object.entries(SHARED))
        expect(one(unit, "Service", key), key).toBe(value);
      // V8's JIT writes code into pages it then runs: W^X would crash node at start.
      expect(unit.Service?.MemoryDenyWriteExecute).toBeUndefined();
      expect(unit.Service?.ReadWritePaths).toBeUndefined();
    }
  });

  it("survey.service: starts the launcher, restarts on failure, waits out the graceful shutdown", () => {
    expect(one(server, "Service", "ExecStart")).toBe("/opt/survey/bin/survey start");
    expect(one(server, "Service", "Restart")).toBe("on-failure");
    expect(one(server, "Service", "RestartSec")).toMatch(/^\d+s$/);
    expect(one(server, "Unit", "StartLimitIntervalSec")).toBeDefined();
    expect(one(server, "Unit", "StartLimitBurst")).toMatch(/^\d+$/);
    expect(one(server, "Service", "KillSignal")).toBe("SIGTERM");
    // Longer than the server's own grace for in-flight requests, so systemd never cuts a commit.
    const grace = readFileSync("server/http/graceful-shutdown.ts", "utf8");
    const graceMs = Number(/GRACE_MS = ([\d_]+);/.exec(grace)?.[1]?.replaceAll("_", ""));
    const stopSec = Number(/^(\d+)s$/.exec(one(server, "Service", "TimeoutStopSec") ?? "")?.[1]);
    expect(stopSec * 1000).toBeGreaterThanOrEqual(graceMs * 2);
    expect(one(server, "Service", "RestrictAddressFamilies")?.split(" ")).toEqual(
      expect.arrayContaining(["AF_INET", "AF_INET6", "AF_UNIX"]),
    );
    expect(one(server, "Unit", "After")).toBe("network-online.target");
    expect(one(server, "Unit", "Wants")).toBe("network-online.target");
    expect(one(server, "Install", "WantedBy")).toBe("multi-user.target");
  });

  it("the backup: a oneshot into /var/lib/survey/backups keeping 14, started nightly by the timer", () => {
    expect(one(backup, "Service", "Type")).toBe("oneshot");
    expect(one(backup, "Service", "ExecStart")).toBe(
      "/opt/survey/bin/survey backup --into /var/lib/survey/backups --keep 14",
    );
    expect(one(timer, "Timer", "OnCalendar")).toBe("*-*-* 02:30:00");
    expect(one(timer, "Timer", "Persistent")).toBe("true");
    expect(one(timer, "Timer", "RandomizedDelaySec")).toBeDefined();
    // verify does not notice a Unit= naming a unit that does not exist: check it here.
    expect(one(timer, "Timer", "Unit")).toBe("survey-backup.service");
    expect(one(timer, "Install", "WantedBy")).toBe("timers.target");
  });
});
