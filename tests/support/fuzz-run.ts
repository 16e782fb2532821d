// Sends one fuzz request and judges it: never a 5xx, and a refused request leaves every table as
// it was. Shared by the fuzz tests (in-process server) and the fuzz benchmark (child server).
import type { Changes, Fingerprinter } from "./db-fingerprint.ts";
import type { FuzzClient } from "./fuzz-client.ts";
import type { FuzzRequest } from "./fuzz-endpoints.ts";

export interface FuzzTarget {
  client: FuzzClient;
  prints: Fingerprinter;
  /** Brings asynchronous writers up to date (the answer indexer), where the test can. */
  settle(): Promise<void> | void;
  /** Tables left out of the comparison (see DERIVED_TABLES). */
  ignore: readonly string[];
  /** Starts a new admin session if the last request ended ours; true when it did. */
  keepSignedIn(): Promise<boolean> | boolean;
}

export interface Verdict {
  /** null: no HTTP answer at all. */
  status: number | null;
  /** Why this request breaks the rules; null when it is fine. */
  problem: string | null;
  /** Tables that changed while it ran (accepted requests may change some). */
  changed: string[];
}

/** Node's HTTP parser answers 431 and closes the socket past this much request head. */
const NODE_MAX_HEADER_BYTES = 16 * 1024;

/**
 * Requests refused before the app runs, without their body being read: past 16 KB of head
 * Node's parser answers 431, and a raw non-ASCII byte in the path is no URL, so
 * @hono/node-server answers 400 (its handleRequestError). Both then close the socket, and a
 * client still sending a body may read the reset instead of the answer. Nothing reached our code.
 */
export const refusedBeforeApp = (request: FuzzRequest) =>
  request.body !== undefined &&
  (request.path.length > NODE_MAX_HEADER_BYTES || /[^\x21-\x7e]/.test(request.path));

/**
 * A refused sign-in is audited by design (login.failed): the one change a 4xx may make, and
 * only on that route, with that status, as exactly one entry of that action.
 */
async function isAuditedLoginFailure(
  target: FuzzTarget,
  key: string,
  status: number,
  { changed, before, after }: Changes,
): Promise<boolean> {
  if (key !== "POST /admin/login" || status !== 401) return false;
  if (changed.length !== 1 || changed[0] !== "audit_log") return false;
  if ((after?.audit_log?.rows ?? 0) !== (before?.audit_log?.rows ?? 0) + 1) return false;
  const [newest] = await target.prints.query<{ action: string }>(
    "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1",
  );
  return newest?.action === "login.failed";
}

/**
 * A refused results view still records the main table (category banner, no filter): it is
 * published first at every data state, before the asked-for view is checked against it, and the
 * ledger on disk must hold what the worker's ledger holds (else a restart renumbers responses).
 * Only the ledger's tables (and its revision), only on the results routes, only with 422.
 */
function isMainTableRecord(key: string, status: number, { changed }: Changes): boolean {
  if (!key.startsWith("GET /admin/results") || status !== 422) return false;
  return changed.every(
    (table) =>
      table === "disclosure_members" ||
      table === "disclosure_partitions" ||
      table === "disclosure_revisions",
  );
}

export const describeRequest = (request: FuzzRequest) =>
  `${request.method} ${request.path.slice(0, 160)} [${request.family}, ${
    request.body === undefined ? "no body" : (request.contentType ?? "no type")
  }, ${request.body?.length ?? 0} bytes]`;

export async function tryRequest(
  target: FuzzTarget,
  key: string,
  request: FuzzRequest,
): Promise<Verdict> {
  await target.settle();
  await target.prints.pin();
  const answer = await target.client.send(request);
  await target.settle();
  const status = answer.status;
  // Only a refused or unanswered request must leave the database as it was. Comparing after an
  // accepted one (an audited view, say) would hash every table for nothing, and the tables grow.
  const accepted = status !== null && status < 400;
  if (accepted) await target.prints.unpin();
  const changes = accepted ? { changed: [] } : await target.prints.changesSincePin(target.ignore);
  const { changed } = changes;
  let problem: string | null = null;
  if (status === null) {
    if (!refusedBeforeApp(request))
      problem = `no answer (${answer.error}) to ${describeRequest(request)}`;
    if (changed.length > 0) problem = `no answer, yet ${changed.join(", ")} changed`;
  } else if (status >= 500)
    problem = `${status} for ${describeRequest(request)}: ${answer.text.slice(0, 300)}`;
  else if (
    status >= 400 &&
    changed.length > 0 &&
    !(await isAuditedLoginFailure(target, key, status, changes)) &&
    !isMainTableRecord(key, status, changes)
  )
    problem = `${status} yet ${changed.join(", ")} changed, for ${describeRequest(request)}`;
  // Signing out succeeds too: sign in again, so the next body still reaches validation.
  if (status !== null && status < 400) await target.keepSignedIn();
  return { status, problem, changed };
}
