// The phone's Back gesture moves one section back instead of leaving (in WeChat: closing) the survey.
// Each move forward adds a history entry holding only how deep it is: no answer, no section, and the
// URL is never changed, so nothing of the filling reaches the browser's history.

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The depth an entry of ours holds; null for another page's entry (or none). */
function depthOf(state: unknown): number | null {
  const depth = isRecord(state) ? state.surveyDepth : undefined;
  return typeof depth === "number" ? depth : null;
}

export class SectionHistory {
  /** Entries of ours before the current one: 0 on the page's own entry. */
  private depth = 0;
  /** Off in the console's preview: its frame must not add entries to the console's history. */
  private on = false;
  /** Set while going back to the page's own entry, whose arrival is not a step back. */
  private rewinding = false;
  /** Run once the rewind has arrived: history.go is asynchronous. */
  private afterRewind: (() => void) | null = null;
  private onBack: () => void;

  /** `onBack` shows the previous screen, as the page's own Back button does (a step forward is ignored). */
  constructor(onBack: () => void) {
    this.onBack = onBack;
  }

  /**
   * Takes over this tab's entry. A reload keeps the entries already made, so Back still walks the
   * sections. Nothing is added here: browsers skip, on Back, entries added before the respondent
   * touched the page.
   */
  start() {
    this.on = true;
    this.depth = depthOf(history.state) ?? 0;
    history.replaceState({ surveyDepth: this.depth }, "");
    window.addEventListener("popstate", (e) => {
      const depth = depthOf(e.state);
      if (depth === null) return;
      const back = depth < this.depth && !this.rewinding;
      this.depth = depth;
      this.rewinding = false;
      this.afterRewind?.();
      this.afterRewind = null;
      if (back) this.onBack();
    });
  }

  /** A move forward: Back returns from it. */
  push() {
    if (!this.on) return;
    this.depth += 1;
    history.pushState({ surveyDepth: this.depth }, "");
  }

  /** One entry back, as the gesture would; false when there is none of ours to go back to. */
  back(): boolean {
    if (!this.on || this.depth === 0) return false;
    history.back();
    return true;
  }

  /**
   * Back to the page's own entry without a step back, so one Back from there leaves the page.
   * `address` then replaces that entry's URL: a used single-use code is not left in the tab.
   * Resolves once there (history.go is asynchronous), so nothing navigates while it is under way.
   */
  rewind(address?: string): Promise<void> {
    const replace = () => {
      if (address) history.replaceState({ surveyDepth: 0 }, "", address);
    };
    if (!this.on) return Promise.resolve();
    if (this.depth === 0) return Promise.resolve(replace());
    this.rewinding = true;
    return new Promise((done) => {
      const arrive = () => {
        this.afterRewind = null;
        replace();
        done();
      };
      this.afterRewind = arrive;
      // A browser that drops the traversal must not leave the page waiting for good.
      setTimeout(() => this.afterRewind === arrive && arrive(), 1000);
      history.go(-this.depth);
    });
  }
}
