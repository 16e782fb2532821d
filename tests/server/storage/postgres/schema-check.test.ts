// A PostgreSQL database that could record who answered when is refused at open, in one line naming
// the object or setting and the remedy: an added trigger, a column stamped now(), a table, a rule,
// a policy, a publication, an event trigger, another schema on the search_path, statement logging
// with values, auto_explain. Each attack is made on a real database, refused, then undone.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { judgeSettings, type Setting } from "../../../../server/storage/postgres/pg-recorders.ts";
import { PostgresRefusedError } from "../../../../server/storage/postgres/pg-schema-check.ts";
import { openPostgresStorage } from "../../../../server/storage/postgres/pg-storage.ts";
import { UnexpectedSchemaError } from "../../../../server/storage/schema-check.ts";
import { createTestDatabase, noPostgres, type TestDatabase } from "../../../support/pg-database.ts";

const REMEDY =
  "remove what was changed (and anything it recorded), or restore a pg_dump made before (README: PostgreSQL instead of the file)";

describe.skipIf(noPostgres)("PostgreSQL refuses a database that could record arrivals", () => {
  let database: TestDatabase;
  let place: string;
  let admin: pg.Client;

  /** Runs `sql` as the superuser on the test database. */
  const run = (sql: string) => admin.query(sql);

  /** The line openPostgresStorage refuses with, or null when it opens (closing it again). */
  async function refusal(): Promise<string | null> {
    try {
      const storage = await openPostgresStorage(database.url, { max: 2 });
      await storage.close();
      return null;
    } catch (error) {
      if (error instanceof UnexpectedSchemaError || error instanceof PostgresRefusedError)
        return error.message;
      throw error;
    }
  }

  /** Makes the attack, reads the refusal, and undoes the attack whatever happened. */
  async function refusalAfter(attack: string, undo: string): Promise<string | null> {
    await run(attack);
    try {
      return await refusal();
    } finally {
      await run(undo);
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const url = new URL(database.url);
    place = `PostgreSQL ${url.host}/${database.name}`;
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await database?.drop();
  });

  it("opens a clean database, twice at once, and leaves no scratch schema behind", async () => {
    expect(await refusal()).toBeNull();
    const both = await Promise.all([
      openPostgresStorage(database.url, { max: 2 }),
      openPostgresStorage(database.url, { max: 2 }),
    ]);
    expect(both.map((s) => s.warnings)).toEqual([[], []]);
    await Promise.all(both.map((s) => s.close()));
    const left = await run("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'survey_probe_%'");
    expect(left.rows).toEqual([]);
  });

  it("opens beside an extension's own objects: pg_stat_statements keeps texts, never values", async () => {
    await run("CREATE EXTENSION pg_stat_statements");
    try {
      expect(await refusal()).toBeNull();
    } finally {
      await run("DROP EXTENSION pg_stat_statements");
    }
  });

  it("refuses a trigger on responses", async () => {
    expect(
      await refusalAfter(
        `CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
         CREATE TRIGGER stamp AFTER INSERT ON responses FOR EACH ROW EXECUTE FUNCTION stamp()`,
        "DROP TRIGGER stamp ON responses; DROP FUNCTION stamp()",
      ),
    ).toBe(
      `the database ${place} has an unexpected trigger "stamp" on table responses (not made by this program's migrations) (and 1 more); ${REMEDY}`,
    );
  });

  it("refuses a column stamped now() on responses, and a default added to one of its columns", async () => {
    expect(
      await refusalAfter(
        "ALTER TABLE responses ADD COLUMN at timestamptz DEFAULT now()",
        "ALTER TABLE responses DROP COLUMN at",
      ),
    ).toBe(
      `the database ${place} has table responses different from what the migrations make (column "at" is extra); ${REMEDY}`,
    );
    expect(
      await refusalAfter(
        "ALTER TABLE responses ALTER COLUMN released_on SET DEFAULT to_char(now(), 'YYYY-MM-DD')",
        "ALTER TABLE responses ALTER COLUMN released_on DROP DEFAULT",
      ),
    ).toBe(
      `the database ${place} has table responses different from what the migrations make (column released_on is declared differently); ${REMEDY}`,
    );
  });

  it("refuses an added table, a table made UNLOGGED, and a missing index", async () => {
    expect(
      await refusalAfter(
        "CREATE TABLE arrivals (response_id text, at timestamptz)",
        "DROP TABLE arrivals",
      ),
    ).toBe(
      `the database ${place} has an unexpected table "arrivals" (not made by this program's migrations); ${REMEDY}`,
    );
    expect(
      await refusalAfter(
        "ALTER TABLE answer_counts SET UNLOGGED",
        "ALTER TABLE answer_counts SET LOGGED",
      ),
    ).toBe(
      `the database ${place} has table answer_counts different from what the migrations make (it is UNLOGGED, the migrations make it logged); ${REMEDY}`,
    );
    expect(
      await refusalAfter(
        "DROP INDEX responses_waiting",
        `CREATE INDEX responses_waiting ON responses (survey_version_id, category, channel_id, id)
           WHERE released_on IS NULL`,
      ),
    ).toBe(`the database ${place} is missing index responses_waiting on responses; ${REMEDY}`);
  });

  it("refuses a rule and a row-level policy on responses", async () => {
    expect(
      await refusalAfter(
        "CREATE RULE announce AS ON INSERT TO responses DO ALSO NOTIFY arrivals",
        "DROP RULE announce ON responses",
      ),
    ).toBe(
      `the database ${place} has an unexpected rule "announce" on table responses (not made by this program's migrations); ${REMEDY}`,
    );
    expect(
      await refusalAfter(
        `ALTER TABLE responses ENABLE ROW LEVEL SECURITY;
         CREATE POLICY everyone ON responses USING (true) WITH CHECK (length(id) > 0)`,
        "DROP POLICY everyone ON responses; ALTER TABLE responses DISABLE ROW LEVEL SECURITY",
      ),
    ).toBe(
      `the database ${place} has an unexpected policy "everyone" on table responses (not made by this program's migrations) (and 1 more); ${REMEDY}`,
    );
  });

  it("refuses a publication of all tables or of responses", async () => {
    expect(
      await refusalAfter(
        "CREATE PUBLICATION everything FOR ALL TABLES",
        "DROP PUBLICATION everything",
      ),
    ).toBe(
      `the database ${place} has a publication "everything" of ALL TABLES (logical replication would stream every submission out in commit order); DROP PUBLICATION everything, or publish only other tables`,
    );
    expect(
      await refusalAfter(
        "CREATE PUBLICATION answers_out FOR TABLE responses",
        "DROP PUBLICATION answers_out",
      ),
    ).toBe(
      `the database ${place} has a publication "answers_out" of table responses (logical replication would stream every submission out in commit order); ALTER PUBLICATION answers_out DROP TABLE … for this program's tables, or DROP PUBLICATION answers_out`,
    );
  });

  it("refuses an event trigger", async () => {
    expect(
      await refusalAfter(
        `CREATE FUNCTION watch_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
         CREATE EVENT TRIGGER watch_ddl ON ddl_command_end EXECUTE FUNCTION watch_ddl()`,
        "DROP EVENT TRIGGER watch_ddl; DROP FUNCTION watch_ddl()",
      ),
    ).toBe(
      `the database ${place} has an unexpected event trigger "watch_ddl" on ddl_command_end (not made by this program's migrations; it runs on every DDL statement, this program's rebuild too); drop it (DROP EVENT TRIGGER watch_ddl) and whatever it made`,
    );
  });

  it("refuses another schema on the search_path holding a function", async () => {
    // Its functions compete with the built-ins this program's statements mean (CVE-2018-1058).
    expect(
      await refusalAfter(
        `CREATE SCHEMA helpers;
         CREATE FUNCTION helpers.length(text) RETURNS integer LANGUAGE sql AS 'SELECT 1';
         ALTER DATABASE ${database.name} SET search_path = public, helpers`,
        `ALTER DATABASE ${database.name} RESET search_path; DROP SCHEMA helpers CASCADE`,
      ),
    ).toBe(
      `the database ${place} has schema "helpers" on the search_path beside public, holding function "length" (a name there could stand in for this program's tables or functions); keep only public on this user's search_path (ALTER ROLE … SET search_path = public), or empty helpers`,
    );
  });

  it("refuses statement logging that would keep each INSERT's values, set for the database", async () => {
    const db = database.name;
    expect(
      await refusalAfter(
        `ALTER DATABASE ${db} SET log_statement = 'mod'`,
        `ALTER DATABASE ${db} RESET log_statement`,
      ),
    ).toBe(
      `the database ${place} has log_statement = mod (the server log would keep this program's INSERTs with their values, each line dated: who answered what, when); ALTER DATABASE ${db} RESET log_statement; or keep it and stop logging values: ALTER DATABASE ${db} SET log_parameter_max_length = 0`,
    );
    expect(
      await refusalAfter(
        `ALTER DATABASE ${db} SET log_min_duration_statement = 0`,
        `ALTER DATABASE ${db} RESET log_min_duration_statement`,
      ),
    ).toBe(
      `the database ${place} has log_min_duration_statement = 0 (the server log would keep this program's INSERTs with their values, each line dated: who answered what, when); ALTER DATABASE ${db} RESET log_min_duration_statement; or keep it and stop logging values: ALTER DATABASE ${db} SET log_parameter_max_length = 0`,
    );
  });

  it("opens with a warning when statements are logged without their values", async () => {
    const db = database.name;
    await run(`ALTER DATABASE ${db} SET log_min_duration_statement = 0`);
    await run(`ALTER DATABASE ${db} SET log_parameter_max_length = 0`);
    try {
      const storage = await openPostgresStorage(database.url, { max: 2 });
      await storage.close();
      expect(storage.warnings).toEqual([
        `the database ${place} has log_min_duration_statement = 0 (the server log keeps when each of this program's statements ran: when submissions were written, not whose); ALTER DATABASE ${db} RESET log_min_duration_statement`,
      ]);
    } finally {
      await run(`ALTER DATABASE ${db} RESET log_min_duration_statement`);
      await run(`ALTER DATABASE ${db} RESET log_parameter_max_length`);
    }
  });

  it("refuses auto_explain logging plans, which hold the values they were made for", async () => {
    const db = database.name;
    expect(
      await refusalAfter(
        `ALTER DATABASE ${db} SET session_preload_libraries = 'auto_explain';
         ALTER DATABASE ${db} SET auto_explain.log_min_duration = 0`,
        `ALTER DATABASE ${db} RESET session_preload_libraries;
         ALTER DATABASE ${db} RESET auto_explain.log_min_duration`,
      ),
    ).toBe(
      `the database ${place} has auto_explain.log_min_duration = 0 (auto_explain logs plans, dated, and a plan holds the values it was made for (a response id in an index condition)); ALTER DATABASE ${db} RESET auto_explain.log_min_duration`,
    );
  });

  it("refuses, naming the grant, a user who may not make the scratch schema the check needs", async () => {
    expect(await refusal()).toBeNull(); // migrated, by the superuser
    const role = `survey_check_${Date.now().toString(36)}`;
    // One statement list, one implicit transaction: the role exists only if all of it succeeded.
    await run(`CREATE ROLE ${role} LOGIN;
               GRANT USAGE, CREATE ON SCHEMA public TO ${role};
               GRANT SELECT ON schema_migrations TO ${role}`);
    try {
      const url = new URL(database.url);
      url.username = role;
      const refused = await openPostgresStorage(url.toString(), { max: 2 }).then(
        (storage) => storage.close().then(() => null),
        (error: Error) => error.message,
      );
      expect(refused).toBe(
        `the database ${place} cannot be checked: this user may not create a schema in it (the start runs the migrations in a scratch schema, rolled back, to compare); GRANT CREATE ON DATABASE ${database.name} TO ${role}`,
      );
    } finally {
      await run(`DROP OWNED BY ${role}; DROP ROLE ${role}`);
    }
  });

  it("opens clean again once every attack is undone", async () => {
    expect(await refusal()).toBeNull();
  });
});

describe("judging PostgreSQL's server-wide settings (they need a restart: not settable per test)", () => {
  const who = { database: "survey", user: "survey" };
  const settings = (values: Record<string, string>, source = "configuration file") =>
    new Map<string, Setting>(
      Object.entries({
        track_commit_timestamp: "off",
        log_statement: "none",
        log_min_duration_statement: "-1",
        log_parameter_max_length: "-1",
        log_parameter_max_length_on_error: "0",
        log_line_prefix: "%m [%p] %q%u@%d ",
        ...values,
      }).map(([name, setting]) => [name, { name, setting, source }]),
    );

  it("finds nothing in PostgreSQL's defaults", () => {
    expect(judgeSettings(settings({}), who)).toEqual([]);
  });

  it("refuses track_commit_timestamp = on: it dates every waiting response", () => {
    expect(judgeSettings(settings({ track_commit_timestamp: "on" }), who)).toEqual([
      {
        refuse: true,
        problem:
          "has track_commit_timestamp = on (PostgreSQL keeps each transaction's commit time: pg_xact_commit_timestamp(xmin) dates every waiting response)",
        remedy:
          "set track_commit_timestamp = off in postgresql.conf (or ALTER SYSTEM) and restart PostgreSQL",
      },
    ]);
  });

  it("refuses a per-statement line naming the transaction (%x), else only warns", () => {
    const logged = { log_duration: "on" };
    const [withXid] = judgeSettings(settings({ ...logged, log_line_prefix: "%m %x " }), who);
    expect(withXid?.refuse).toBe(true);
    expect(withXid?.problem).toMatch(/^has log_duration = on \(.*%x in log_line_prefix/);
    const [plain] = judgeSettings(settings(logged), who);
    expect(plain?.refuse).toBe(false);
    // %%x is a literal "%x", not the transaction id.
    expect(judgeSettings(settings({ ...logged, log_line_prefix: "%%x " }), who)[0]?.refuse).toBe(
      false,
    );
  });

  it("refuses debug_print_plan and values logged on error", () => {
    const found = judgeSettings(
      settings({ debug_print_plan: "on", log_parameter_max_length_on_error: "-1" }),
      who,
    );
    expect(found.map((f) => [f.refuse, f.problem.split(" (")[0]])).toEqual([
      [true, "has log_parameter_max_length_on_error = -1"],
      [true, "has debug_print_plan = on"],
    ]);
  });
});
