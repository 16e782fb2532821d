// Appends to the audit log: who did what to which link, batch, account or table, and when — to the
// minute. Finer times of views and downloads, set beside the results they published, would help
// time the submissions in between.
import type { NewAuditRecord } from "../storage/admin-records.ts";
import type { AdminStore } from "../storage/admin-store.ts";

export interface AuditEvent {
  actor: string;
  action: string;
  target?: string;
  detail?: string;
}

/** The entry as stored: the time cut to the minute. */
export function auditEntry(now: Date, event: AuditEvent): NewAuditRecord {
  return {
    at: `${now.toISOString().slice(0, 16)}Z`,
    actor: event.actor,
    action: event.action,
    target: event.target ?? "",
    detail: event.detail ?? "",
  };
}

export function recordAudit(
  storage: Pick<AdminStore, "appendAudit">,
  now: Date,
  event: AuditEvent,
): Promise<void> {
  return storage.appendAudit(auditEntry(now, event));
}
