// Debian's nginx as a child process, running the shipped site file with only its marked values
// replaced: its own prefix, config, pid, logs and temp dirs in a temp folder, loopback ports only.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const NGINX = "/usr/sbin/nginx";

/** A shipped site file, and the app ports it names, each on one `server 127.0.0.1:PORT` line. */
export interface SiteFile {
  path: string;
  upstreams: number[];
}
/** One app on :3000. */
export const ONE_APP: SiteFile = { path: "server/deploy/nginx/survey.conf", upstreams: [3000] };
/** Two instances on :3001 and :3002, one PostgreSQL database behind them. */
export const TWO_INSTANCES: SiteFile = {
  path: "server/deploy/nginx/survey-instances.conf",
  upstreams: [3001, 3002],
};
/** Replaces the site's survey.example.gov.cn; the test certificate is made for it. */
export const SERVER_NAME = "localhost";

/** What this machine lacks to run nginx with a test certificate; [] when nothing. */
export function missingTools(): string[] {
  const missing = existsSync(NGINX) ? [] : [`${NGINX} (apt-get install nginx)`];
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
  } catch {
    missing.push("openssl (apt-get install openssl)");
  }
  return missing;
}

/** A self-signed certificate for localhost, made now; clients trust `cert` itself as the CA. */
export function makeCertificate(dir: string): { cert: string; key: string } {
  const cert = join(dir, "cert.pem");
  const key = join(dir, "key.pem");
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"],
      ...[
        "-days",
        "2",
        "-subj",
        `/CN=${SERVER_NAME}`,
        "-addext",
        `subjectAltName=DNS:${SERVER_NAME}`,
      ],
      ...["-keyout", key, "-out", cert],
    ],
    { stdio: "pipe" },
  );
  return { cert, key };
}

export interface SiteValues {
  /** `upstreams`: the apps' real ports, in the order the site file names its own. */
  ports: { http: number; https: number; upstreams: number[] };
  cert: string;
  key: string;
  /** Where the site's own error log goes instead of /var/log/nginx. */
  errorLog: string;
  /** Listen on [::1] where the site listens on [::]; without IPv6 those lines are dropped. */
  ipv6: boolean;
}

/**
 * The shipped file with each marked value replaced, each exactly as often as the file has it: a
 * changed file fails here instead of being tested half-rendered.
 */
export function renderSite(shipped: string, v: SiteValues, file: SiteFile = ONE_APP): string {
  const { http, https, upstreams } = v.ports;
  if (upstreams.length !== file.upstreams.length)
    throw new Error(`${file.path} names ${file.upstreams.length} apps, given ${upstreams.length}`);
  const six = (line: string) => (v.ipv6 ? line : "");
  const apps = file.upstreams.map((shippedPort, i): [string, string, number] => [
    `server 127.0.0.1:${shippedPort}`,
    `server 127.0.0.1:${upstreams[i]}`,
    1,
  ]);
  const replacements: [string, string, number][] = [
    ...apps,
    ["server_name survey.example.gov.cn;", `server_name ${SERVER_NAME};`, 2],
    ["ssl_certificate /etc/ssl/survey/fullchain.pem;", `ssl_certificate ${v.cert};`, 1],
    ["ssl_certificate_key /etc/ssl/survey/privkey.pem;", `ssl_certificate_key ${v.key};`, 1],
    ["listen 80;", `listen 127.0.0.1:${http};`, 1],
    ["listen [::]:80;", six(`listen [::1]:${http};`), 1],
    ["listen 443 ssl http2;", `listen 127.0.0.1:${https} ssl http2;`, 1],
    ["listen [::]:443 ssl http2;", six(`listen [::1]:${https} ssl http2;`), 1],
    ["/var/log/nginx/survey.error.log", v.errorLog, 2],
  ];
  let site = shipped;
  for (const [from, to, times] of replacements) {
    const parts = site.split(from);
    if (parts.length - 1 !== times)
      throw new Error(`${file.path}: expected "${from}" ${times}×, found ${parts.length - 1}×`);
    site = parts.join(to);
  }
  return site;
}

/**
 * Debian's nginx.conf in brief, around the site: its http block logs every request to
 * access.log, so the site's own `access_log off` is what keeps the log empty.
 */
function mainConfig(dir: string, site: string): string {
  // Root in CI: workers stay root, so the temp dirs need no www-data account or wider modes.
  const user = process.getuid?.() === 0 ? "user root root;" : "";
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    .map((kind) => `${kind}_temp_path ${join(dir, kind)};`)
    .join("\n  ");
  return `${user}
daemon off;
master_process on;
worker_processes 1;
pid ${join(dir, "nginx.pid")};
error_log ${join(dir, "error.log")} notice;
events { worker_connections 256; }
http {
  access_log ${join(dir, "access.log")};
  ${temp}
  include ${site};
}
`;
}

/** The main error log, the access log of Debian's http block, the site's own error log. */
const LOGS = ["error.log", "access.log", "survey.error.log"] as const;
type LogName = (typeof LOGS)[number];

export interface Nginx {
  dir: string;
  ports: SiteValues["ports"];
  /** The CA certificate (the self-signed one) that clients trust. */
  ca: Buffer;
  /** One log file's text; null when nginx never made it. */
  log(name: LogName): string | null;
  /** Every log file, for a failure's message. */
  logs(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
// A test that dies must not leave an nginx behind holding its ports.
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Starts nginx in front of 127.0.0.1:`ports.upstreams`; throws with its logs if it will not run. */
export async function startNginx(
  ports: SiteValues["ports"],
  ipv6: boolean,
  file: SiteFile = ONE_APP,
): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), "survey-nginx-"));
  let cert: string;
  try {
    const made = makeCertificate(dir);
    cert = made.cert;
    const site = join(dir, "survey.conf");
    const values = { ports, ...made, errorLog: join(dir, "survey.error.log"), ipv6 };
    writeFileSync(site, renderSite(readFileSync(file.path, "utf8"), values, file));
    writeFileSync(join(dir, "nginx.conf"), mainConfig(dir, site));
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const child = spawn(NGINX, ["-p", `${dir}/`, "-c", join(dir, "nginx.conf")], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  // A spawn that fails (no such file) emits only "error": that ends it too.
  const exited = new Promise<void>((done) => {
    child.once("exit", () => done());
    child.once("error", (error) => {
      output += `${error.message}\n`;
      done();
    });
  });
  void exited.then(() => running.delete(child));

  const log = (name: LogName) => {
    const file = join(dir, name);
    return existsSync(file) ? readFileSync(file, "utf8") : null;
  };
  const logs = () => LOGS.map((name) => `--- ${name}\n${log(name) ?? "(none)"}`).join("\n");
  const nginx: Nginx = {
    dir,
    ports,
    ca: readFileSync(cert),
    log,
    logs,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        // TERM is nginx's fast shutdown: the master stops its workers, then exits.
        child.kill("SIGTERM");
        const forced = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(forced);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitForPorts([ports.https, ports.http], child);
  } catch (error) {
    const report = `${String(error)}\n${output}\n${logs()}`;
    await nginx.stop();
    throw new Error(`nginx did not start: ${report}`);
  }
  return nginx;
}

/** Whether this machine has IPv6 on loopback: the site's `listen [::]` lines are kept only then. */
export function canBindIpv6(): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once("error", () => done(false));
    probe.listen(0, "::1", () => probe.close(() => done(true)));
  });
}

/**
 * Free loopback ports held open until `release()`: the app started meanwhile cannot be given one
 * of them (child-server picks its own free port), so nginx can bind them a moment later.
 */
export async function reservePorts(
  count: number,
): Promise<{ ports: number[]; release(): Promise<void> }> {
  const holders: Server[] = [];
  for (let i = 0; i < count; i++) {
    const holder = createServer();
    await new Promise<void>((done) => holder.listen(0, "127.0.0.1", done));
    holders.push(holder);
  }
  const ports = holders.map((holder) => {
    const address = holder.address();
    if (address === null || typeof address === "string") throw new Error("no free port");
    return address.port;
  });
  const release = async () => {
    await Promise.all(holders.map((holder) => new Promise((done) => holder.close(done))));
  };
  return { ports, release };
}

async function waitForPorts(ports: number[], child: ChildProcess, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  for (const port of ports) {
    while (!(await accepts(port))) {
      if (child.exitCode !== null) throw new Error(`nginx exited with code ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error(`nginx not listening on ${port} after 5 s`);
      await new Promise((done) => setTimeout(done, 50));
    }
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => done(true)).once("error", () => done(false));
    socket.once("connect", () => socket.destroy());
  });
}
