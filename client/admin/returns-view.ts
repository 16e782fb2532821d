// The returns monitor: counts against targets, refreshed every 5 s while the page is visible.
import { Task, TaskStatus } from "@lit/task";
import { html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { Returns } from "../../server/domain/returns-shapes.ts";
import type { SurveySummary } from "../../server/domain/survey-shapes.ts";
import { tokens } from "../ui/theme.ts";
import "../ui/progress-bar.ts";
import { viewStyles } from "./admin-styles.ts";
import { describeFailure, load } from "./api.ts";
import "./error-notice.ts";
import { formatClock, formatCount, formatRate } from "./format.ts";
import { renderReturnsTables } from "./returns-tables.ts";
import { isReturns } from "./shapes.ts";
import { tableStyles } from "./table-styles.ts";

const POLL_MS = 5000;

@customElement("returns-view")
export class ReturnsView extends LitElement {
  static override styles = [tokens, viewStyles, tableStyles];

  /** The survey whose returns are shown. */
  @property({ attribute: false }) survey!: SurveySummary;

  /** The last good answer: a failed refresh keeps showing it, under the error. */
  @state() private last: Returns | null = null;
  @state() private updatedAt: Date | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  private returns = new Task(this, {
    args: () => [this.survey.id] as const,
    task: ([id], { signal }) =>
      load(`/api/admin/returns?survey=${encodeURIComponent(id)}`, isReturns, signal),
    onComplete: (value) => {
      this.last = value;
      this.updatedAt = new Date();
    },
  });

  override connectedCallback() {
    super.connectedCallback();
    document.addEventListener("visibilitychange", this.onVisibility);
    this.startPolling();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener("visibilitychange", this.onVisibility);
    this.stopPolling();
  }

  override render() {
    const value = this.last?.surveyId === this.survey.id ? this.last : null;
    const failed = this.returns.status === TaskStatus.ERROR;
    return html`<h2>回收情况</h2>
      <p class="note">本页只显示计数，不显示任何单份答卷。</p>
      <p class="note">为保护答题人匿名，同一类别、同一渠道的答卷凑满最小发布人数（默认 5 份）时才整批计入；问卷结束收集后全部计入。</p>
      <p class="status">${this.describeUpdate(value)}</p>
      <error-notice .error=${failed ? describeFailure(this.returns.error) : null}></error-notice>
      ${value ? this.renderTotal(value) : nothing} ${value ? renderReturnsTables(value) : nothing}`;
  }

  /** The client's own clock: when these counts arrived, not when they were computed. */
  private describeUpdate(value: Returns | null): string {
    if (!value || !this.updatedAt) return "正在加载…";
    return `更新于 ${formatClock(this.updatedAt)}（统计日期 ${value.asOf}）`;
  }

  private renderTotal({ total }: Returns) {
    if (total.target === null)
      return html`<p>已完成 <strong>${formatCount(total.completed)}</strong> 份（未设总目标）。</p>`;
    const label = `总进度：已完成 ${formatCount(total.completed)} / 目标 ${formatCount(total.target)}（${formatRate(total.rate)}）`;
    return html`<progress-bar
      value=${total.completed}
      max=${Math.max(total.target, 1)}
      label=${label}
    ></progress-bar>`;
  }

  private startPolling() {
    this.stopPolling();
    if (document.hidden) return;
    this.timer = setInterval(() => {
      // A slow answer is not stacked under a new request; the next tick catches up.
      if (this.returns.status !== TaskStatus.PENDING) this.returns.run();
    }, POLL_MS);
  }

  private stopPolling() {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private onVisibility = () => {
    if (document.hidden) return this.stopPolling();
    this.returns.run();
    this.startPolling();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    "returns-view": ReturnsView;
  }
}
