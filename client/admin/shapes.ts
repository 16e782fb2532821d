// Guards for every body the console reads, written against the zod-free types and word lists of
// server/domain/, which the server's schemas equal (tests/client/admin/shared-types.test.ts).
import type {
  Account,
  AuditEntry,
  NewTokenResult,
  TokenInfo,
} from "../../server/domain/account-shapes.ts";
import type { BatchView, RevokeResult } from "../../server/domain/batch-shapes.ts";
import { BATCH_STATES } from "../../server/domain/batch-states.ts";
import type { LinkView } from "../../server/domain/link-shapes.ts";
import { LINK_AVAILABILITIES, LINK_STATES } from "../../server/domain/link-states.ts";
import type { Returns } from "../../server/domain/returns-shapes.ts";
import { ROLES } from "../../server/domain/roles.ts";
import type { ImportResult, SurveySummary } from "../../server/domain/survey-shapes.ts";
import { SURVEY_STATES } from "../../server/domain/survey-states.ts";
import {
  arrayOf,
  bool,
  type Guard,
  isRecord,
  nullable,
  num,
  obj,
  oneOf,
  recordOf,
  str,
} from "./guards.ts";

const rate = nullable(num);

export const isAccount = obj<Account>({
  id: str,
  username: str,
  displayName: str,
  role: oneOf(...ROLES),
  disabled: bool,
  createdAt: str,
});

export const isTokenInfo = obj<TokenInfo>({
  id: str,
  label: str,
  owner: str,
  createdAt: str,
  lastUsedOn: nullable(str),
  revoked: bool,
  expiresAt: str,
});

export const isNewTokenResult = obj<NewTokenResult>({ token: isTokenInfo, secret: str });

export const isAuditEntry = obj<AuditEntry>({
  id: num,
  at: str,
  actor: str,
  action: str,
  target: str,
  detail: str,
});

export const isSurveySummary = obj<SurveySummary>({
  id: str,
  title: str,
  state: oneOf(...SURVEY_STATES),
  currentVersion: num,
  categories: arrayOf(obj({ code: str, label: str })),
  versions: arrayOf(obj({ id: num, version: num, createdOn: str, current: bool, responses: num })),
  targets: obj({ total: nullable(num), categories: recordOf(num) }),
});

export const isImportResult = obj<ImportResult>({ surveyId: str, version: num, created: bool });

export const isLinkView = obj<LinkView>({
  id: str,
  surveyId: str,
  label: str,
  category: nullable(str),
  categoryLabel: nullable(str),
  cap: nullable(num),
  opensAt: nullable(str),
  closesAt: nullable(str),
  state: oneOf(...LINK_STATES),
  availability: oneOf(...LINK_AVAILABILITIES),
  completed: num,
  createdAt: str,
  url: str,
});

export const isBatchView = obj<BatchView>({
  id: str,
  surveyId: str,
  label: str,
  category: nullable(str),
  categoryLabel: nullable(str),
  issued: num,
  used: num,
  revoked: num,
  state: oneOf(...BATCH_STATES),
  createdAt: str,
});

export const isRevokeResult = obj<RevokeResult>({
  batch: isBatchView,
  matched: num,
});

type Row<K extends keyof Returns> = Returns[K] extends (infer R)[] ? R : never;

export const isReturns = obj<Returns>({
  surveyId: str,
  asOf: str,
  total: obj({ completed: num, target: nullable(num), rate }),
  categories: arrayOf(
    obj<Row<"categories">>({ code: str, label: str, completed: num, target: nullable(num), rate }),
  ),
  links: arrayOf(
    obj<Row<"links">>({
      id: str,
      label: str,
      categoryLabel: nullable(str),
      state: oneOf(...LINK_STATES),
      cap: nullable(num),
      completed: num,
      rate,
      burstAlert: bool,
    }),
  ),
  batches: arrayOf(
    obj<Row<"batches">>({
      id: str,
      label: str,
      categoryLabel: nullable(str),
      state: oneOf(...BATCH_STATES),
      issued: num,
      completed: num,
      rate,
    }),
  ),
});

/** A body `{ [key]: T }`, the envelope most routes answer with. */
export function field<K extends string, T>(key: K, guard: Guard<T>): Guard<Record<K, T>> {
  return (v): v is Record<K, T> => isRecord(v) && guard(v[key]);
}
