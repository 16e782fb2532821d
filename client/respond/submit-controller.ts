// Submission state for the page: at most one submission in flight, and what to tell the respondent.
import type { ReactiveControllerHost } from "lit";
import { type ProofOfWork, proveWork } from "./proof-of-work.ts";
import type { UiStrings } from "./strings.ts";
import { type Submission, type SubmitOutcome, submitResponse } from "./submit-response.ts";

export type SendState =
  | { kind: "idle" }
  | { kind: "proving" }
  | { kind: "sending"; retry: number }
  | { kind: "queued"; seconds: number }
  | { kind: "failed"; status: number | null }
  | { kind: "message"; text: string };

/** Holds no resources, so it needs no lifecycle hooks: it only asks its host to re-render. */
export class SubmitController {
  state: SendState = { kind: "idle" };
  private host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
  }

  get busy(): boolean {
    const { kind } = this.state;
    return kind === "sending" || kind === "queued" || kind === "proving";
  }

  /**
   * Sends once; resolves to null if a submission was already in flight (a double tap). With a
   * `challengePath` (the server wants a proof-of-work), solves a fresh puzzle first, and once more
   * if the server refused that proof (expired, or the server restarted meanwhile).
   */
  async send(
    url: string,
    submission: Submission,
    challengePath: string | null = null,
  ): Promise<SubmitOutcome | null> {
    if (this.busy) return null;
    let outcome = await this.attempt(url, submission, challengePath);
    const proofRefused = (o: SubmitOutcome) =>
      o.kind === "invalid" && o.fields.some((f) => f.field === "proofOfWork");
    if (challengePath && proofRefused(outcome))
      outcome = await this.attempt(url, submission, challengePath);
    if (outcome.kind === "failed") this.set(outcome);
    else if (outcome.kind === "refused") this.set({ kind: "message", text: outcome.message });
    else this.set({ kind: "idle" });
    return outcome;
  }

  /** What the status line says about sending; empty when there is nothing to say. */
  describe(t: UiStrings): string {
    const s = this.state;
    if (s.kind === "proving") return t.proving;
    if (s.kind === "sending") return s.retry > 0 ? t.retrying(s.retry) : "";
    if (s.kind === "queued") return t.queued(s.seconds);
    if (s.kind === "message") return s.text;
    if (s.kind === "failed")
      return s.status !== null && s.status < 500 ? t.bug(s.status) : t.failed;
    return "";
  }

  /** Shows a message from the server in the status line. */
  say(text: string) {
    this.set(text ? { kind: "message", text } : { kind: "idle" });
  }

  reset() {
    this.set({ kind: "idle" });
  }

  private async attempt(url: string, submission: Submission, challengePath: string | null) {
    let proofOfWork: ProofOfWork | undefined;
    if (challengePath) {
      this.set({ kind: "proving" });
      const proved = await proveWork(challengePath);
      if (proved.kind === "failed") return { kind: "failed", status: null } as const;
      if (proved.kind === "solved") proofOfWork = proved.proof;
    }
    this.set({ kind: "sending", retry: 0 });
    return submitResponse(url, proofOfWork ? { ...submission, proofOfWork } : submission, {
      onRetry: (retry) => this.set({ kind: "sending", retry }),
      onQueued: (seconds) => this.set({ kind: "queued", seconds }),
    });
  }

  private set(state: SendState) {
    this.state = state;
    this.host.requestUpdate();
  }
}
