// Saves the editor's working copy a moment after the last change (PUT with the revision it was
// based on), one request at a time, and says how it went: saved with problems, or a conflict.
import { type ApiError, call } from "./api.ts";
import { isDraftBody, readDraft } from "./draft-shapes.ts";
import type { EditSurvey, Problem } from "./editor-model.ts";

export type SaveState = "saved" | "waiting" | "saving" | "conflict" | "failed";

export interface SaveReport {
  state: SaveState;
  /** The server's problems with what was saved (on "saved"). */
  problems?: Problem[];
  error?: ApiError;
}

/** Long enough not to save every keystroke, short enough that problems appear while looking. */
const QUIET_MS = 600;

export class DraftSaver {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private latest: EditSurvey | null = null;
  private inFlight: Promise<void> | null = null;
  private state: SaveState = "saved";

  constructor(
    private readonly draftId: string,
    private revision: number,
    private readonly report: (r: SaveReport) => void,
  ) {}

  get currentRevision() {
    return this.revision;
  }

  schedule(survey: EditSurvey) {
    if (this.state === "conflict") return;
    this.latest = survey;
    this.tell({ state: "waiting" });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), QUIET_MS);
  }

  /** Saves what waits now; true when everything is saved (before previewing or publishing). */
  async flush(): Promise<boolean> {
    clearTimeout(this.timer);
    while (this.inFlight) await this.inFlight;
    if (this.latest === null) return this.state === "saved";
    const survey = this.latest;
    this.latest = null;
    this.inFlight = this.put(survey);
    await this.inFlight;
    this.inFlight = null;
    if (this.state === "failed" || this.state === "conflict") return false;
    return this.latest === null ? this.state === "saved" : this.flush();
  }

  stop() {
    clearTimeout(this.timer);
    this.latest = null;
  }

  private async put(survey: EditSurvey) {
    this.tell({ state: "saving" });
    const path = `/api/admin/drafts/${encodeURIComponent(this.draftId)}`;
    const body = { survey, revision: this.revision };
    const result = await call("PUT", path, isDraftBody, { body });
    if (result.ok) {
      const draft = readDraft(result.data.draft);
      this.revision = draft.revision;
      this.tell({ state: "saved", problems: draft.problems });
    } else if (result.code === "conflict") {
      this.latest = null;
      this.tell({ state: "conflict", error: result });
    } else {
      // Kept, so the next change or 发布 tries again with it.
      this.latest ??= survey;
      this.tell({ state: "failed", error: result });
    }
  }

  private tell(r: SaveReport) {
    this.state = r.state;
    this.report(r);
  }
}
