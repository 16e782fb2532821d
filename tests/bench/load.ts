// Drives POST submissions at a server with autocannon, one fresh submissionId per request.
import autocannon from "autocannon";

export interface LoadOptions {
  url: string;
  path: string;
  connections: number;
  seconds: number;
  /** Returns the JSON body of the next request; called once per request. */
  nextBody: () => string;
}

export interface LoadResult {
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  ok2xx: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Requests sent, including those still unanswered when the run stopped. */
  sent: number;
  statusCounts: Record<string, number>;
}

export interface MeasuredRun extends LoadResult {
  /** Rows the database gained during the measured run (warm-up excluded). */
  stored: number;
}

export interface ServerRuns {
  runs: MeasuredRun[];
  /** 5xx lines in the server's access log and its stderr, over all its runs. */
  serverErrors: number;
  stderr: string;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: "POST",
        path: options.path,
        headers: { "Content-Type": "application/json" },
        setupRequest: (request) => ({ ...request, body: options.nextBody() }),
      },
    ],
  });
  const statusCounts: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) {
    statusCounts[code] = stats.count ?? 0;
  }
  return {
    connections: options.connections,
    seconds: result.duration,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok2xx: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
    sent: result.requests.sent,
    statusCounts,
  };
}
