// Submission state for the page: at most one submission in flight, and what to tell the respondent.
import type { ReactiveControllerHost } from "lit";
import type { UiStrings } from "./strings.ts";
import { type Submission, type SubmitOutcome, submitResponse } from "./submit-response.ts";

export type SendState =
  | { kind: "idle" }
  | { kind: "sending"; retry: number }
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
    return this.state.kind === "sending";
  }

  /** Sends once; resolves to null if a submission was already in flight (a double tap). */
  async send(url: string, submission: Submission): Promise<SubmitOutcome | null> {
    if (this.busy) return null;
    this.set({ kind: "sending", retry: 0 });
    const outcome = await submitResponse(url, submission, {
      onRetry: (retry) => this.set({ kind: "sending", retry }),
    });
    if (outcome.kind === "failed") this.set(outcome);
    else if (outcome.kind === "refused") this.set({ kind: "message", text: outcome.message });
    else this.set({ kind: "idle" });
    return outcome;
  }

  /** What the status line says about sending; empty when there is nothing to say. */
  describe(t: UiStrings): string {
    const s = this.state;
    if (s.kind === "sending") return s.retry > 0 ? t.retrying(s.retry) : "";
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

  private set(state: SendState) {
    this.state = state;
    this.host.requestUpdate();
  }
}
