// The console's roles: the server decides who may do what by these words, the console shows them.

/**
 * admin: everything, including accounts; analyst: results and downloads; distributor: links, code
 * batches and returns.
 */
export const ROLES = ["admin", "analyst", "distributor"] as const;
export type Role = (typeof ROLES)[number];
