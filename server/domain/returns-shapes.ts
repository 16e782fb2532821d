// The returns monitor's body as the console reads it: a plain type, equal to what the zod schema of
// server/collection-progress/returns-schemas.ts infers (tests/client/admin/shared-types.test.ts).
import type { BatchState } from "./batch-states.ts";
import type { LinkState } from "./link-states.ts";

/** 回收率 as a fraction (0.42 = 42%); null when there is no denominator. */
type Rate = number | null;

export interface Returns {
  surveyId: string;
  /** Today (YYYY-MM-DD) in the survey time zone. */
  asOf: string;
  total: { completed: number; target: number | null; rate: Rate };
  categories: {
    code: string;
    label: string;
    completed: number;
    target: number | null;
    rate: Rate;
  }[];
  links: {
    id: string;
    label: string;
    categoryLabel: string | null;
    state: LinkState;
    cap: number | null;
    completed: number;
    rate: Rate;
    /** 提交速度异常: a flag, never a count. */
    burstAlert: boolean;
  }[];
  batches: {
    id: string;
    label: string;
    categoryLabel: string | null;
    state: BatchState;
    issued: number;
    completed: number;
    rate: Rate;
  }[];
}
