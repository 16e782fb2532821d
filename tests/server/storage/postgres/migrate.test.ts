// PostgreSQL migrations: two instances starting at once migrate once, and end with one schema.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  latestPostgresSchemaVersion,
  migratePostgres,
  postgresSchemaVersion,
} from "../../../../server/storage/postgres/migrate.ts";
import { openPostgresPool, type Pool } from "../../../../server/storage/postgres/open-postgres.ts";
import { createTestDatabase, noPostgres, type TestDatabase } from "../../../support/pg-database.ts";

/** Every table, index, trigger, constraint and column, as the catalog describes them. */
async function schemaOf(pool: Pool): Promise<string[]> {
  const { rows } = await pool.query<{ kind: string; name: string }>(
    `SELECT 'relation ' || c.relkind::text AS kind, c.relname AS name FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
     UNION ALL
     SELECT 'trigger', tgname FROM pg_trigger WHERE NOT tgisinternal
     UNION ALL
     SELECT 'constraint ' || contype::text, conname FROM pg_constraint c
       JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public'
     UNION ALL
     SELECT 'column ' || table_name, column_name || ' ' || data_type || ' ' || is_nullable || ' '
            || coalesce(collation_name, '') || ' ' || coalesce(column_default, '')
       FROM information_schema.columns WHERE table_schema = 'public'
     UNION ALL
     SELECT 'index', indexdef FROM pg_indexes WHERE schemaname = 'public'
     ORDER BY 1, 2`,
  );
  return rows.map((r) => `${r.kind} ${r.name}`);
}

describe.skipIf(noPostgres)("PostgreSQL migrations", () => {
  let database: TestDatabase;
  let reference: TestDatabase;
  let pools: Pool[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    reference = await createTestDatabase();
    pools = [
      openPostgresPool(database.url, { max: 2 }),
      openPostgresPool(database.url, { max: 2 }),
    ];
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await database?.drop();
    await reference?.drop();
  });

  it("runs each migration once when two pools start together, and again changes nothing", async () => {
    const [first, second] = pools;
    if (!first || !second) throw new Error("two pools");
    expect(await postgresSchemaVersion(first)).toBe(0);
    const applied = await Promise.all([migratePostgres(first), migratePostgres(second)]);
    const latest = latestPostgresSchemaVersion();
    const all = Array.from({ length: latest }, (_, i) => i + 1);
    // Between them, every migration exactly once; each pool saw the schema complete when it returned.
    expect([...applied[0], ...applied[1]].sort((a, b) => a - b)).toEqual(all);
    const recorded = await first.query<{ number: number }>(
      "SELECT number FROM schema_migrations ORDER BY number",
    );
    expect(recorded.rows.map((r) => r.number)).toEqual(all);
    expect(await postgresSchemaVersion(second)).toBe(latest);

    const schema = await schemaOf(first);
    for (const table of [
      "survey_versions",
      "surveys",
      "links",
      "responses",
      "answers",
      "answers_pending",
      "answer_counts",
      "admins",
      "admin_sessions",
      "api_tokens",
      "audit_log",
      "code_batches",
      "codes",
      "survey_targets",
      "legacy_channels",
      "disclosure_members",
      "disclosure_partitions",
      "disclosure_revisions",
      "survey_drafts",
    ])
      expect(schema).toContain(`relation r ${table}`);
    for (const index of [
      "responses_by_category",
      "responses_waiting",
      "answers_texts",
      "codes_by_batch",
      "links_channel",
      "code_batches_channel",
    ])
      expect(schema).toContain(`relation i ${index}`);
    expect(schema).toContain("trigger audit_log_no_update");

    // The same schema, column for column, as one pool migrating alone makes.
    const alone = openPostgresPool(reference.url, { max: 1 });
    try {
      await migratePostgres(alone);
      expect(schema).toEqual(await schemaOf(alone));
    } finally {
      await alone.end();
    }

    // A restart (both again) applies nothing and leaves the same schema.
    expect(await Promise.all([migratePostgres(first), migratePostgres(second)])).toEqual([[], []]);
    expect(await schemaOf(second)).toEqual(schema);
  });

  it("keeps the audit log append-only, as SQLite's triggers do", async () => {
    const [pool] = pools;
    if (!pool) throw new Error("a pool");
    await pool.query(
      "INSERT INTO audit_log (at, actor, action) VALUES ('2026-11-25T09:30Z', 'chief', 'login')",
    );
    await expect(pool.query("UPDATE audit_log SET actor = 'x'")).rejects.toThrow(/append-only/);
    await expect(pool.query("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
    await expect(pool.query("TRUNCATE audit_log")).rejects.toThrow(/append-only/);
  });
});
