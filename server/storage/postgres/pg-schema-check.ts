// Refuses a PostgreSQL database that could record who answered when, as schema-check.ts refuses
// such a SQLite file: a schema other than what this program's migrations make (a trigger, a column
// `DEFAULT now()`, a rule, a policy could stamp every response), or PostgreSQL's own recorders
// (pg-recorders.ts: settings that date commits or log values, publications, event triggers).
//
// The expected schema is made, not written down: the migration files run in a scratch schema of
// the same database, inside a transaction that is rolled back (DDL is transactional here), so
// whatever migrations exist are compared, with the server's own idea of how each definition
// prints. Instances starting together each make their own randomly named scratch schema.
import { randomBytes } from "node:crypto";
import type pg from "pg";
import { UnexpectedSchemaError } from "../schema-check.ts";
import {
  columnDifference,
  differentObject,
  firstProblem,
  missingObject,
  shown,
  unexpectedObject,
} from "../schema-wording.ts";
import { migrationScripts } from "./migrate.ts";
import type { Pool } from "./open-postgres.ts";
import {
  type CatalogObject,
  type CatalogSchema,
  quoteIdent,
  readCatalogSchema,
} from "./pg-catalog.ts";
import {
  databaseWideFindings,
  type Finding,
  judgeSettings,
  readSettings,
  searchPathFindings,
} from "./pg-recorders.ts";

/**
 * A database this program will not use as it is, for a reason other than its schema: a setting
 * that records (`has log_statement = mod (…)`), or a check it cannot make. Its message is the line
 * start-server prints after "Cannot start: ".
 */
export class PostgresRefusedError extends Error {
  readonly code = "SURVEY_POSTGRES_REFUSED";
  constructor(
    place: string,
    readonly problem: string,
    readonly remedy: string,
  ) {
    super(`the database ${place} ${problem}; ${remedy}`);
    this.name = "PostgresRefusedError";
  }
}

/** Triggers first: they act on every write, so they are the first thing to name. */
const RANK: Record<string, number> = {
  trigger: 0,
  rule: 1,
  policy: 2,
  table: 3,
  constraint: 4,
  index: 5,
  function: 6,
};
const PROBE_REMEDY =
  "remove what was changed (and anything it recorded), or restore a pg_dump made before (README: PostgreSQL instead of the file)";

/**
 * Run after migratePostgres, before anything is served. `place` names the database in the lines,
 * e.g. `PostgreSQL 127.0.0.1:5432/survey`. Throws UnexpectedSchemaError or PostgresRefusedError;
 * returns the warnings the start prints (a setting that dates statements but not responses).
 */
export async function checkPostgresDatabase(pool: Pool, place: string): Promise<string[]> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    const { rows } = await client.query<{ database: string; user: string; schema: string }>(
      `SELECT current_database() AS database, current_user AS user, n.nspname AS schema
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.oid = to_regclass('schema_migrations')`,
    );
    const who = rows[0];
    if (!who) throw new Error("schema_migrations is missing after migrating");
    const version = await client.query<{ done: number }>(
      "SELECT coalesce(max(number), 0) AS done FROM schema_migrations",
    );

    // Objects before settings, and both before the probe: an event trigger would run on its DDL.
    const objects = [
      ...(await databaseWideFindings(client, who.schema)),
      ...(await searchPathFindings(client, who.schema)),
    ];
    const object = refusal(objects);
    if (object) throw new UnexpectedSchemaError(place, object.problem, object.remedy);
    const settings = judgeSettings(await readSettings(client), who);
    const setting = refusal(settings);
    if (setting) throw new PostgresRefusedError(place, setting.problem, setting.remedy);

    const problem = await schemaProblem(client, who, version.rows[0]?.done ?? 0, place);
    if (problem) throw new UnexpectedSchemaError(place, problem, PROBE_REMEDY);
    return settings.map((w) => `the database ${place} ${w.problem}; ${w.remedy}`);
  } catch (error) {
    if (!(error instanceof UnexpectedSchemaError || error instanceof PostgresRefusedError))
      broken = error as Error;
    throw error;
  } finally {
    client.release(broken);
  }
}

/** The first refusal, its problem followed by how many more there are. */
function refusal(findings: Finding[]): Finding | null {
  const refused = findings.filter((f) => f.refuse);
  const first = refused[0];
  if (!first) return null;
  return { ...first, problem: firstProblem(refused.map((f) => f.problem)) ?? first.problem };
}

/**
 * The schema holding schema_migrations against migrations 1..version run in a scratch schema; one
 * clause to follow the database's name, or null when they are the same.
 */
async function schemaProblem(
  client: pg.PoolClient,
  who: { database: string; user: string; schema: string },
  version: number,
  place: string,
): Promise<string | null> {
  const probe = `survey_probe_${randomBytes(8).toString("hex")}`;
  await client.query("BEGIN");
  try {
    await client.query(`SET LOCAL search_path = ${quoted(who.schema)}`);
    const actual = await readCatalogSchema(client, who.schema);
    try {
      await client.query(`CREATE SCHEMA ${probe}`);
    } catch (error) {
      if ((error as { code?: string }).code !== "42501") throw error;
      throw new PostgresRefusedError(
        place,
        `cannot be checked: this user may not create a schema in it (the start runs the migrations in a scratch schema, rolled back, to compare)`,
        `GRANT CREATE ON DATABASE ${quoteIdent(who.database)} TO ${quoteIdent(who.user)}`,
      );
    }
    await client.query(`SET LOCAL search_path = ${probe}`);
    for (const script of migrationScripts(version)) await client.query(script);
    const wanted = await readCatalogSchema(client, probe, probe);
    return firstProblem(differences(actual, wanted));
  } finally {
    // Nothing of the probe stays: not the schema, not a catalog row.
    await client.query("ROLLBACK");
  }
}

function differences(actual: CatalogSchema, wanted: CatalogSchema): string[] {
  const key = (o: CatalogObject) => `${o.kind} ${o.on ?? ""} ${o.name}`;
  const wantedByKey = new Map(wanted.objects.map((o) => [key(o), o]));
  const present = new Set(actual.objects.map(key));
  const found: { rank: number; problem: string }[] = [];
  const note = (kind: string, problem: string) => found.push({ rank: RANK[kind] ?? 7, problem });
  for (const object of actual.objects) {
    const want = wantedByKey.get(key(object));
    if (!want) {
      note(object.kind, unexpectedObject(object.kind, object.name, onWhat(object, actual)));
      continue;
    }
    const detail =
      object.kind === "table"
        ? tableDifference(object, want, actual, wanted)
        : object.definition === want.definition
          ? null
          : "its definition differs";
    if (detail) note(object.kind, differentObject(object.kind, object.name, detail));
  }
  for (const want of wanted.objects) {
    if (present.has(key(want))) continue;
    const on = want.on ? ` on ${shown(want.on)}` : "";
    note(want.kind, `${missingObject(want.kind, want.name)}${on}`);
  }
  // Stable: within a kind, in the order the catalog listed them.
  return found.sort((a, b) => a.rank - b.rank).map((f) => f.problem);
}

function tableDifference(
  table: CatalogObject,
  want: CatalogObject,
  actual: CatalogSchema,
  wanted: CatalogSchema,
): string | null {
  const columns = columnDifference(
    actual.columns.get(table.name) ?? [],
    wanted.columns.get(want.name) ?? [],
    (a, b) => JSON.stringify(a) === JSON.stringify(b),
  );
  if (columns) return columns;
  const unlogged = (o: CatalogObject) => o.definition.includes("UNLOGGED");
  if (unlogged(table) !== unlogged(want))
    return unlogged(table)
      ? "it is UNLOGGED, the migrations make it logged"
      : "it is logged, the migrations make it UNLOGGED";
  if (table.definition !== want.definition)
    return `its row level security is ${table.definition.replace("UNLOGGED", "").trim() || "off"}, the migrations make ${want.definition.replace("UNLOGGED", "").trim() || "off"}`;
  return null;
}

/** An identifier for SQL text, whatever it holds (a keyword, capitals, quotes). */
const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** "table responses" for what belongs to a table (or "view v" for a rule on a view). */
function onWhat(object: CatalogObject, schema: CatalogSchema): string | undefined {
  if (!object.on) return undefined;
  const target = schema.objects.find((o) => o.name === object.on && o.on === null);
  return `${target?.kind ?? "table"} ${shown(object.on)}`;
}
