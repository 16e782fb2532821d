// Solves the server's proof-of-work puzzle on the phone (when SUBMIT_PROOF_OF_WORK is on): find
// n with SHA-256(salt + n) = challenge, with WebCrypto, so no library and no third-party request.

export interface ProofOfWork {
  salt: string;
  number: number;
  signature: string;
}

export type ProofOutcome =
  | { kind: "solved"; proof: ProofOfWork }
  /** The server requires none (404): submit without. */
  | { kind: "none" }
  | { kind: "failed" };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Fetches a fresh challenge from `path` and solves it. */
export async function proveWork(path: string): Promise<ProofOutcome> {
  let data: unknown;
  try {
    const response = await fetch(path, { credentials: "same-origin" });
    if (response.status === 404) return { kind: "none" };
    if (!response.ok) return { kind: "failed" };
    data = await response.json();
  } catch {
    return { kind: "failed" };
  }
  if (!isRecord(data)) return { kind: "failed" };
  const { challenge, salt, maxNumber, signature } = data;
  if (typeof challenge !== "string" || typeof salt !== "string") return { kind: "failed" };
  if (typeof maxNumber !== "number" || typeof signature !== "string") return { kind: "failed" };
  const number = await solve(challenge, salt, maxNumber);
  return number === null
    ? { kind: "failed" }
    : { kind: "solved", proof: { salt, number, signature } };
}

/** The n ≤ maxNumber whose hash is `challenge` (hex), or null (no WebCrypto, or none found). */
export async function solve(challenge: string, salt: string, maxNumber: number) {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const encoder = new TextEncoder();
  const target = new Uint8Array(challenge.match(/../g)?.map((h) => Number.parseInt(h, 16)) ?? []);
  for (let n = 0; n <= maxNumber; n++) {
    const digest = new Uint8Array(await subtle.digest("SHA-256", encoder.encode(`${salt}${n}`)));
    if (digest.every((byte, i) => byte === target[i])) return n;
  }
  return null;
}
