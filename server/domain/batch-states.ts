// What a batch of single-use codes can be: open, or revoked whole (its used codes stay counted).
export const BATCH_STATES = ["open", "revoked"] as const;
export type BatchState = (typeof BATCH_STATES)[number];
