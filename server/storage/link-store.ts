// Distribution links: their terms, their state and the channel their responses carry.
import type { LinkState } from "../domain/link-states.ts";

export interface LinkRecord {
  id: string;
  surveyId: string;
  /** The channel its responses carry: fixed at creation, never the label (which may change). */
  channelId: string;
  label: string;
  lockedCategory: string | null;
  cap: number | null;
  opensAt: string | null;
  closesAt: string | null;
  state: LinkState;
  completed: number;
  createdAt: string;
}

export type NewLink = Omit<LinkRecord, "completed">;

/** Terms and label only: the channel id stays what it was at creation. */
export type LinkChange = Omit<LinkRecord, "completed" | "createdAt" | "surveyId" | "channelId">;

export interface LinkStore {
  createLink(link: NewLink): Promise<LinkRecord>;
  getLink(id: string): Promise<LinkRecord | undefined>;
  listLinks(): Promise<LinkRecord[]>;
  setLinkState(id: string, state: LinkState): Promise<boolean>;
  /**
   * False when the link is gone, or when it holds responses and the change would narrow its terms
   * (another category lock, a lower cap): the rule is checked against the row as it is when written,
   * so a response stored between the caller's read and this write cannot slip past it.
   */
  updateLink(link: LinkChange): Promise<boolean>;
  /** Every channel id → its current label: links, batches, and channels kept from before 0006. */
  channelLabels(): Promise<Map<string, string>>;
}
