// The audit log (administrators only): the latest 200 admin actions, newest first.
import { Task } from "@lit/task";
import { html, LitElement } from "lit";
import { customElement } from "lit/decorators.js";
import type { AuditEntry } from "../../server/domain/account-shapes.ts";
import { buttons, tokens } from "../ui/theme.ts";
import { viewStyles } from "./admin-styles.ts";
import { describeFailure, load } from "./api.ts";
import { type Column, renderTable } from "./data-table.ts";
import "./error-notice.ts";
import { formatInstant } from "./format.ts";
import { arrayOf } from "./guards.ts";
import { field, isAuditEntry } from "./shapes.ts";
import { tableStyles } from "./table-styles.ts";

const LIMIT = 200;
const isEntries = field("entries", arrayOf(isAuditEntry));

/** The server records stable action codes; the office reads them in Chinese. */
const ACTIONS: Record<string, string> = {
  setup: "创建首个管理员",
  login: "登录",
  "login.failed": "登录失败",
  logout: "退出登录",
  "account.create": "新建账号",
  "account.update": "修改账号",
  "token.create": "新建 API 令牌",
  "token.revoke": "撤销 API 令牌",
  "survey.import": "导入问卷",
  "survey.state": "开放/结束问卷",
  "survey.targets": "设置回收目标",
  "link.create": "新建链接",
  "link.update": "修改链接",
  "batch.create": "生成一次性码",
  "batch.slips": "打印二维码条",
  "results.view": "查看结果",
  "results.download.xlsx": "下载 Excel 结果",
  "results.download.csv": "下载 CSV 结果",
  "results.download.docx": "下载 Word 报告",
  "results.report.html": "打开可打印报告",
  "batch.revoke": "作废整批",
  "batch.revoke-codes": "作废丢失的码",
};

const COLUMNS: Column<AuditEntry>[] = [
  { label: "时间", cell: (e) => formatInstant(e.at) },
  { label: "操作人", cell: (e) => e.actor },
  { label: "操作", cell: (e) => ACTIONS[e.action] ?? e.action },
  { label: "对象", cell: (e) => e.target, wrap: true },
  { label: "详情", cell: (e) => e.detail, wrap: true },
];

@customElement("audit-view")
export class AuditView extends LitElement {
  static override styles = [tokens, buttons, viewStyles, tableStyles];

  private entries = new Task(this, {
    args: () => [] as const,
    task: async (_args, { signal }) =>
      (await load(`/api/admin/audit?limit=${LIMIT}`, isEntries, signal)).entries,
  });

  override render() {
    return html`<h2>操作记录</h2>
      <p class="note">最近 ${LIMIT} 条管理操作，最新的在前。这里不记录任何答卷内容。</p>
      <div class="actions">
        <button type="button" @click=${this.onRefresh}>刷新</button>
      </div>
      ${this.entries.render({
        pending: () => html`<p role="status">正在加载…</p>`,
        complete: (entries) => renderTable("操作记录列表", COLUMNS, entries, "还没有操作记录。"),
        error: (e) => html`<error-notice .error=${describeFailure(e)}></error-notice>`,
      })}`;
  }

  private onRefresh() {
    this.entries.run();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "audit-view": AuditView;
  }
}
