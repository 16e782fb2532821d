// Appends to the audit log: who did what to which link, batch, account or table, and when — to the
// minute. Finer times of views and downloads, set beside the results they published, would help
// time the submissions in between.
import type { Storage } from "../storage/storage.ts";

export interface AuditEvent {
  actor: string;
  action: string;
  target?: string;
  detail?: string;
}

export function recordAudit(storage: Storage, now: Date, event: AuditEvent): void {
  storage.appendAudit({
    at: `${now.toISOString().slice(0, 16)}Z`,
    actor: event.actor,
    action: event.action,
    target: event.target ?? "",
    detail: event.detail ?? "",
  });
}
