// Appends to the audit log: who did what to which link, batch, account or table, and when.
import type { Storage } from "../storage/storage.ts";

export interface AuditEvent {
  actor: string;
  action: string;
  target?: string;
  detail?: string;
}

export function recordAudit(storage: Storage, now: Date, event: AuditEvent): void {
  storage.appendAudit({
    at: now.toISOString(),
    actor: event.actor,
    action: event.action,
    target: event.target ?? "",
    detail: event.detail ?? "",
  });
}
