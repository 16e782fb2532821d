// A fixed-count load driver: exactly N keep-alive connections send `total` submissions, and
// every request is recorded (id, body, status, latency, ack), even when the server dies under it.
import { Agent, request } from "node:http";

export interface Submission {
  submissionId: string;
  /** e.g. /api/links/{linkId}/responses */
  path: string;
  /** The JSON body, already serialised. */
  body: string;
}

export interface LoadOptions {
  url: string;
  connections: number;
  total: number;
  /** Builds the i-th submission, just before it is sent; called once per request. */
  submission: (index: number) => Submission;
  /** Per request; a server that hangs must not hang the driver. */
  timeoutMs?: number;
}

export interface RequestRecord extends Submission {
  index: number;
  /** HTTP status; 0 when no response came (connection refused or reset, timeout). */
  status: number;
  /** The socket error's code or message when no response came. */
  error: string | null;
  /** The receipt in a 2xx body. */
  receipt: string | null;
  acked: boolean;
  /** The response carried `Connection: close` (a server that is shutting down says so). */
  connectionClose: boolean;
  /** Milliseconds since the load started. */
  startedMs: number;
  finishedMs: number | null;
  /** 0 for the first acknowledgement to arrive, 1 for the next, …; null if not acknowledged. */
  ackSeq: number | null;
}

export interface LoadReport {
  connections: number;
  /** Every request sent, in send order. */
  records: RequestRecord[];
  sentIds: string[];
  /** submissionIds in the order their acknowledgements arrived. */
  ackedIds: string[];
  statusCounts: Record<string, number>;
  serverErrors: number;
  /** Requests that got no response at all. */
  connectionErrors: number;
  elapsedMs: number;
  /** Acknowledged submissions per second of the run. */
  throughput: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export interface RunningLoad {
  /** Requests sent and not answered yet: the ones "in flight" right now. */
  inFlight(): RequestRecord[];
  /** Milliseconds since the load started, on the clock of the records' startedMs. */
  elapsedMs(): number;
  /** Requests sent and acknowledged so far. */
  progress(): { sent: number; acked: number };
  /** Send no new request; those in flight still complete (or fail). */
  stop(): void;
  done: Promise<LoadReport>;
}

export function startLoad(options: LoadOptions): RunningLoad {
  const { connections, total, timeoutMs = 30_000 } = options;
  const target = new URL(options.url);
  // maxSockets = connections and one request per worker at a time: exactly N connections.
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const started = performance.now();
  const records: RequestRecord[] = [];
  const open = new Set<RequestRecord>();
  let next = 0;
  let acks = 0;
  let stopped = false;

  const worker = async () => {
    while (!stopped && next < total) {
      const index = next++;
      const record: RequestRecord = {
        ...options.submission(index),
        index,
        status: 0,
        error: null,
        receipt: null,
        acked: false,
        connectionClose: false,
        startedMs: performance.now() - started,
        finishedMs: null,
        ackSeq: null,
      };
      records.push(record);
      open.add(record);
      const reply = await post(agent, target, record, timeoutMs);
      record.finishedMs = performance.now() - started;
      open.delete(record);
      if ("error" in reply) {
        record.error = reply.error;
        continue;
      }
      record.status = reply.status;
      record.connectionClose = reply.connectionClose;
      record.receipt = reply.status < 300 ? receiptIn(reply.text) : null;
      record.acked = reply.status >= 200 && reply.status < 300 && record.receipt !== null;
      if (record.acked) record.ackSeq = acks++;
    }
  };

  const done = Promise.all(Array.from({ length: connections }, worker)).then(() => {
    agent.destroy();
    return summarise(connections, records, performance.now() - started);
  });
  return {
    inFlight: () => [...open],
    elapsedMs: () => performance.now() - started,
    progress: () => ({ sent: records.length, acked: acks }),
    stop: () => {
      stopped = true;
    },
    done,
  };
}

export const runLoad = (options: LoadOptions) => startLoad(options).done;

type Reply = { status: number; text: string; connectionClose: boolean } | { error: string };

function post(agent: Agent, target: URL, submission: Submission, timeoutMs: number) {
  return new Promise<Reply>((resolve) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: submission.path,
        method: "POST",
        agent,
        headers: {
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(submission.body),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            text,
            connectionClose: res.headers.connection === "close",
          }),
        );
        // A server killed mid-response: the promise settles once, so a late "end" is ignored.
        res.on("error", (error) => resolve({ error: errorName(error) }));
        res.on("close", () => {
          if (!res.complete) resolve({ error: "response cut short" });
        });
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error("timeout")));
    req.on("error", (error) => resolve({ error: errorName(error) }));
    req.end(submission.body);
  });
}

function errorName(error: Error): string {
  return "code" in error && typeof error.code === "string" ? error.code : error.message;
}

function receiptIn(text: string): string | null {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== "object" || body === null || !("receipt" in body)) return null;
    return typeof body.receipt === "string" && body.receipt !== "" ? body.receipt : null;
  } catch {
    return null;
  }
}

function summarise(connections: number, records: RequestRecord[], elapsedMs: number): LoadReport {
  const statusCounts: Record<string, number> = {};
  const latencies: number[] = [];
  for (const r of records) {
    const key = r.status === 0 ? "no response" : String(r.status);
    statusCounts[key] = (statusCounts[key] ?? 0) + 1;
    if (r.status !== 0 && r.finishedMs !== null) latencies.push(r.finishedMs - r.startedMs);
  }
  latencies.sort((a, b) => a - b);
  const acked = records
    .filter((r) => r.ackSeq !== null)
    .sort((a, b) => (a.ackSeq ?? 0) - (b.ackSeq ?? 0));
  return {
    connections,
    records,
    sentIds: records.map((r) => r.submissionId),
    ackedIds: acked.map((r) => r.submissionId),
    statusCounts,
    serverErrors: records.filter((r) => r.status >= 500).length,
    connectionErrors: records.filter((r) => r.status === 0).length,
    elapsedMs,
    throughput: acked.length / (elapsedMs / 1000),
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
    p99Ms: percentile(latencies, 0.99),
  };
}

/** Nearest-rank percentile of sorted values; 0 when there are none. */
function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
}
