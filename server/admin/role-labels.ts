// The roles' Chinese names, for the server's refusals and the console alike (no dependencies,
// so the console bundle can import it).
import type { Role } from "../domain/roles.ts";

export const ROLE_LABELS: Record<Role, string> = {
  admin: "管理员",
  analyst: "分析员",
  distributor: "发放员",
};
