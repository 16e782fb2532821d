// The link bodies the console reads and sends: plain types, equal to what the zod schemas of
// server/links/link-schemas.ts infer (tests/client/admin/shared-types.test.ts).
import type { LinkAvailability, LinkState } from "./link-states.ts";

export interface LinkView {
  id: string;
  surveyId: string;
  /** The channel's name; responses store the channel's id, not this label. */
  label: string;
  /** Locked category code, or null. */
  category: string | null;
  categoryLabel: string | null;
  cap: number | null;
  opensAt: string | null;
  closesAt: string | null;
  state: LinkState;
  availability: LinkAvailability;
  /** Released responses: moves in cohorts, never by one. */
  completed: number;
  createdAt: string;
  /** The respondent URL to hand out. */
  url: string;
}

export interface NewLinkBody {
  surveyId: string;
  label: string;
  category?: string | null;
  cap?: number | null;
  opensAt?: string | null;
  closesAt?: string | null;
}

export interface LinkPatch {
  label?: string;
  category?: string | null;
  cap?: number | null;
  opensAt?: string | null;
  closesAt?: string | null;
  state?: LinkState;
}
