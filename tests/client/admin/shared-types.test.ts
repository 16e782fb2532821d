// The console reads the server's bodies through zod-free types and word lists (server/domain/), and
// those equal what the server's zod schemas infer: a new field or enum member on either side is a
// compile error here (npm test's typecheck), not a guard refusing a body at run time.
import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import { isResultsOptions, isTabulation } from "../../../client/admin/results-shapes.ts";
import {
  isAccount,
  isAuditEntry,
  isBatchView,
  isImportResult,
  isLinkView,
  isNewTokenResult,
  isReturns,
  isRevokeResult,
  isSurveySummary,
  isTokenInfo,
} from "../../../client/admin/shapes.ts";
import {
  type AccountSchema,
  type AuditEntrySchema,
  type NewTokenResultSchema,
  RoleSchema,
  type TokenInfoSchema,
} from "../../../server/admin/account-schemas.ts";
import type {
  BatchViewSchema,
  NewBatchBodySchema,
  RevokeResultSchema,
} from "../../../server/batches/batch-schemas.ts";
import type { ReturnsSchema } from "../../../server/collection-progress/returns-schemas.ts";
import type * as Accounts from "../../../server/domain/account-shapes.ts";
import type * as Batches from "../../../server/domain/batch-shapes.ts";
import { BATCH_STATES } from "../../../server/domain/batch-states.ts";
import { ERROR_CODES, type ErrorBody } from "../../../server/domain/error-codes.ts";
import type * as Links from "../../../server/domain/link-shapes.ts";
import { LINK_AVAILABILITIES, LINK_STATES } from "../../../server/domain/link-states.ts";
import type * as Results from "../../../server/domain/results-shapes.ts";
import { HIDDEN_REASONS, ROW_KINDS } from "../../../server/domain/results-terms.ts";
import type { Returns } from "../../../server/domain/returns-shapes.ts";
import { ROLES } from "../../../server/domain/roles.ts";
import type * as Surveys from "../../../server/domain/survey-shapes.ts";
import { SURVEY_STATES } from "../../../server/domain/survey-states.ts";
import { ERROR_STATUS, ErrorSchema } from "../../../server/http/errors.ts";
import type {
  LinkPatchSchema,
  LinkViewSchema,
  NewLinkBodySchema,
} from "../../../server/links/link-schemas.ts";
import type {
  ImportResultSchema,
  SurveySummarySchema,
  TargetsBodySchema,
} from "../../../server/surveys/survey-schemas.ts";
import {
  type CellSchema,
  type ChiSquareSchema,
  type ColumnSchema,
  HiddenReasonSchema,
  type IndexCellSchema,
  type IndexItemSchema,
  type IndexSummarySchema,
  type QuestionTableSchema,
  type ResultsOptionsSchema,
  RowKindSchema,
  type RowSchema,
  type TabulationSchema,
  type TextGroupSchema,
} from "../../../server/tabulate/results-schemas.ts";

type Out<S extends z.ZodType> = z.output<S>;

describe("the zod-free types equal the server's schemas", () => {
  it("accounts, tokens and the audit log", () => {
    expectTypeOf<Accounts.Account>().toEqualTypeOf<Out<typeof AccountSchema>>();
    expectTypeOf<Accounts.TokenInfo>().toEqualTypeOf<Out<typeof TokenInfoSchema>>();
    expectTypeOf<Accounts.NewTokenResult>().toEqualTypeOf<Out<typeof NewTokenResultSchema>>();
    expectTypeOf<Accounts.AuditEntry>().toEqualTypeOf<Out<typeof AuditEntrySchema>>();
  });

  it("links, batches, surveys and returns, read and sent", () => {
    expectTypeOf<Links.LinkView>().toEqualTypeOf<Out<typeof LinkViewSchema>>();
    expectTypeOf<Links.NewLinkBody>().toEqualTypeOf<Out<typeof NewLinkBodySchema>>();
    expectTypeOf<Links.LinkPatch>().toEqualTypeOf<Out<typeof LinkPatchSchema>>();
    expectTypeOf<Batches.BatchView>().toEqualTypeOf<Out<typeof BatchViewSchema>>();
    expectTypeOf<Batches.NewBatchBody>().toEqualTypeOf<Out<typeof NewBatchBodySchema>>();
    expectTypeOf<Batches.RevokeResult>().toEqualTypeOf<Out<typeof RevokeResultSchema>>();
    expectTypeOf<Surveys.SurveySummary>().toEqualTypeOf<Out<typeof SurveySummarySchema>>();
    expectTypeOf<Surveys.Targets>().toEqualTypeOf<Out<typeof TargetsBodySchema>>();
    expectTypeOf<Surveys.ImportResult>().toEqualTypeOf<Out<typeof ImportResultSchema>>();
    expectTypeOf<Returns>().toEqualTypeOf<Out<typeof ReturnsSchema>>();
  });

  it("the results API, part by part", () => {
    expectTypeOf<Results.Column>().toEqualTypeOf<Out<typeof ColumnSchema>>();
    expectTypeOf<Results.Cell>().toEqualTypeOf<Out<typeof CellSchema>>();
    expectTypeOf<Results.Row>().toEqualTypeOf<Out<typeof RowSchema>>();
    expectTypeOf<Results.TextGroup>().toEqualTypeOf<Out<typeof TextGroupSchema>>();
    expectTypeOf<Results.ChiSquare>().toEqualTypeOf<Out<typeof ChiSquareSchema>>();
    expectTypeOf<Results.QuestionTable>().toEqualTypeOf<Out<typeof QuestionTableSchema>>();
    expectTypeOf<Results.IndexCell>().toEqualTypeOf<Out<typeof IndexCellSchema>>();
    expectTypeOf<Results.IndexItem>().toEqualTypeOf<Out<typeof IndexItemSchema>>();
    expectTypeOf<Results.IndexSummary>().toEqualTypeOf<Out<typeof IndexSummarySchema>>();
    expectTypeOf<Results.Tabulation>().toEqualTypeOf<Out<typeof TabulationSchema>>();
    expectTypeOf<Results.ResultsOptions>().toEqualTypeOf<Out<typeof ResultsOptionsSchema>>();
  });

  it("the error envelope", () => {
    expectTypeOf<ErrorBody>().toEqualTypeOf<Out<typeof ErrorSchema>>();
  });
});

describe("the console's guards check exactly those types", () => {
  it("type by type", () => {
    expectTypeOf(isAccount).guards.toEqualTypeOf<Out<typeof AccountSchema>>();
    expectTypeOf(isTokenInfo).guards.toEqualTypeOf<Out<typeof TokenInfoSchema>>();
    expectTypeOf(isNewTokenResult).guards.toEqualTypeOf<Out<typeof NewTokenResultSchema>>();
    expectTypeOf(isAuditEntry).guards.toEqualTypeOf<Out<typeof AuditEntrySchema>>();
    expectTypeOf(isLinkView).guards.toEqualTypeOf<Out<typeof LinkViewSchema>>();
    expectTypeOf(isBatchView).guards.toEqualTypeOf<Out<typeof BatchViewSchema>>();
    expectTypeOf(isRevokeResult).guards.toEqualTypeOf<Out<typeof RevokeResultSchema>>();
    expectTypeOf(isSurveySummary).guards.toEqualTypeOf<Out<typeof SurveySummarySchema>>();
    expectTypeOf(isImportResult).guards.toEqualTypeOf<Out<typeof ImportResultSchema>>();
    expectTypeOf(isReturns).guards.toEqualTypeOf<Out<typeof ReturnsSchema>>();
    expectTypeOf(isTabulation).guards.toEqualTypeOf<Out<typeof TabulationSchema>>();
    expectTypeOf(isResultsOptions).guards.toEqualTypeOf<Out<typeof ResultsOptionsSchema>>();
  });
});

describe("one word list on both sides", () => {
  it("the server's enums are the domain's lists", () => {
    expect(RoleSchema.options).toEqual([...ROLES]);
    expect(HiddenReasonSchema.options).toEqual([...HIDDEN_REASONS]);
    expect(RowKindSchema.options).toEqual([...ROW_KINDS]);
    expect(ErrorSchema.shape.error.shape.code.options).toEqual([...ERROR_CODES]);
    expect(Object.keys(ERROR_STATUS).sort()).toEqual([...ERROR_CODES].sort());
  });

  const account = {
    id: "a1",
    username: "chief",
    displayName: "主任",
    role: "admin",
    disabled: false,
    createdAt: "2026-01-01T00:00:00.000Z",
  };
  const link = {
    id: "V1StGXR8_Z5jdHi6B-myT",
    surveyId: "s",
    label: "乡镇党委",
    category: null,
    categoryLabel: null,
    cap: null,
    opensAt: null,
    closesAt: null,
    state: "open",
    availability: "open",
    completed: 0,
    createdAt: "2026-01-01T00:00:00.000Z",
    url: "http://example.test/s/V1StGXR8_Z5jdHi6B-myT",
  };

  it("the console takes every member the server can send, and nothing else", () => {
    for (const role of ROLES) expect(isAccount({ ...account, role })).toBe(true);
    expect(isAccount({ ...account, role: "auditor" })).toBe(false);
    for (const state of LINK_STATES) expect(isLinkView({ ...link, state })).toBe(true);
    for (const availability of LINK_AVAILABILITIES)
      expect(isLinkView({ ...link, availability })).toBe(true);
    expect(isLinkView({ ...link, state: "archived" })).toBe(false);
    const batch = {
      id: "b",
      surveyId: "s",
      label: "乡镇党委",
      category: null,
      categoryLabel: null,
      issued: 10,
      used: 0,
      revoked: 0,
      createdAt: "2026-01-01T00:00:00.000Z",
    };
    for (const state of BATCH_STATES) expect(isBatchView({ ...batch, state })).toBe(true);
    expect(isBatchView({ ...batch, state: "paused" })).toBe(false);
    const summary = {
      id: "s",
      title: "问卷",
      currentVersion: 1,
      categories: [],
      versions: [],
      targets: { total: null, categories: {} },
    };
    for (const state of SURVEY_STATES) expect(isSurveySummary({ ...summary, state })).toBe(true);
    expect(isSurveySummary({ ...summary, state: "paused" })).toBe(false);
  });
});
