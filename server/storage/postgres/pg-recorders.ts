// What PostgreSQL itself could keep of who answered when, outside this program's tables: settings
// that date every commit or log every statement with its values, and database-wide objects that
// stream or act on every write. Each finding refuses the start, or only warns when what it keeps
// tells when submissions were written but not which response is which.
//
// Judged, and why:
// - track_commit_timestamp = on: pg_xact_commit_timestamp(xmin) dates every waiting response (its
//   row keeps its transaction's id until the rebuild). Refused.
// - Statement logging (log_statement mod or all, log_min_duration_statement ≥ 0, the sampled
//   log_min_duration_sample and log_transaction_sample_rate): every logged INSERT carries its bind
//   values unless log_parameter_max_length = 0, i.e. a response's answers next to the log line's
//   time. Refused then. With the values off, the log keeps each statement's text ($1, $2: no value)
//   and time: when submissions were written, not which is whose. A warning.
// - log_line_prefix with %x: any line per statement (including log_duration's and the *_stats
//   ones, otherwise a warning) then names the writing transaction, the xmin its rows keep until the
//   rebuild: a time per response. Refused.
// - log_parameter_max_length_on_error ≠ 0: a failed INSERT's values go to the log, dated. Refused.
// - debug_print_plan, auto_explain.log_min_duration ≥ 0: a plan PostgreSQL makes for this
//   program's unnamed statements holds the bound values as constants (an index condition on a
//   response id; the INSERT's values with auto_explain.log_verbose). Refused. debug_print_parse and
//   debug_print_rewritten print the statement's tree, parameters unbound: a warning.
// - pg_stat_statements: keeps each statement's normalised text ($1 for every value) with counts and
//   total times, never a value nor one call's time. Not judged.
// - WAL archiving, physical replication (archive_mode, wal_level, physical slots): the WAL holds
//   every insert in commit order until recycled, and operators need it; README: Threat model.
// - Event triggers: they run on DDL, this program's rebuild included, and could put a recorder back
//   after this check. Refused. Publications of this program's tables (or ALL TABLES) and logical
//   slots whose plugin is not pgoutput (which decode every table): every insert streams out in
//   commit order. Refused. Subscriptions bring other data in: not judged.
import { quoteIdent } from "./pg-catalog.ts";
import type { Queryable } from "./pg-transaction.ts";

export interface Finding {
  /** true: the start is refused; false: it goes on, printing the problem as a warning. */
  refuse: boolean;
  /** One clause to follow "the database PostgreSQL host/db", e.g. `has log_statement = mod (…)`. */
  problem: string;
  remedy: string;
}

export interface Setting {
  name: string;
  setting: string;
  /** Where its value comes from (pg_settings.source): default, configuration file, database, … */
  source: string;
}

const SETTINGS = [
  "track_commit_timestamp",
  "log_statement",
  "log_min_duration_statement",
  "log_min_duration_sample",
  "log_statement_sample_rate",
  "log_transaction_sample_rate",
  "log_parameter_max_length",
  "log_parameter_max_length_on_error",
  "log_duration",
  "log_line_prefix",
  "log_statement_stats",
  "log_parser_stats",
  "log_planner_stats",
  "log_executor_stats",
  "debug_print_parse",
  "debug_print_rewritten",
  "debug_print_plan",
  // Listed in pg_settings only where auto_explain is loaded (a value set without it is inert).
  "auto_explain.log_min_duration",
];

/** The settings this connection runs with: ALTER DATABASE/ROLE … SET apply per connection. */
export async function readSettings(client: Queryable): Promise<Map<string, Setting>> {
  const { rows } = await client.query<Setting>(
    "SELECT name, setting, source FROM pg_settings WHERE name = ANY($1)",
    [SETTINGS],
  );
  return new Map(rows.map((row) => [row.name, row]));
}

interface Who {
  database: string;
  user: string;
}

/** Findings in the order of the list above; the caller refuses on the first refusal. */
export function judgeSettings(settings: Map<string, Setting>, who: Who): Finding[] {
  const value = (name: string) => settings.get(name)?.setting;
  const number = (name: string) => Number(value(name) ?? Number.NaN);
  const on = (name: string) => value(name) === "on";
  const found: Finding[] = [];
  const add = (refuse: boolean, name: string, why: string, remedy: string) =>
    found.push({ refuse, problem: `has ${name} = ${value(name)} (${why})`, remedy });
  const undo = (name: string, safe: string) => resetting(settings.get(name), name, safe, who);

  if (on("track_commit_timestamp"))
    add(
      true,
      "track_commit_timestamp",
      "PostgreSQL keeps each transaction's commit time: pg_xact_commit_timestamp(xmin) dates every waiting response",
      "set track_commit_timestamp = off in postgresql.conf (or ALTER SYSTEM) and restart PostgreSQL",
    );

  const values = number("log_parameter_max_length") !== 0;
  const xid = /%-?\d*x/.test((value("log_line_prefix") ?? "").replaceAll("%%", ""));
  // Lines naming each statement: with the values, or with the transaction id, they date responses.
  const statementLogs: [string, boolean, string][] = [
    ["log_statement", ["mod", "all"].includes(value("log_statement") ?? ""), "none"],
    ["log_min_duration_statement", number("log_min_duration_statement") >= 0, "-1"],
    [
      "log_min_duration_sample",
      number("log_min_duration_sample") >= 0 && number("log_statement_sample_rate") > 0,
      "-1",
    ],
    ["log_transaction_sample_rate", number("log_transaction_sample_rate") > 0, "0"],
  ];
  for (const [name, logs, safe] of statementLogs) {
    if (!logs) continue;
    if (values)
      add(
        true,
        name,
        "the server log would keep this program's INSERTs with their values, each line dated: who answered what, when",
        `${undo(name, safe)}; or keep it and stop logging values: ${setting(who, "log_parameter_max_length", "0")}`,
      );
    else timedOnly(name, undo(name, safe));
  }
  for (const name of ["log_duration", ...STATS, "debug_print_parse", "debug_print_rewritten"])
    if (on(name)) timedOnly(name, undo(name, "off"));

  if (number("log_parameter_max_length_on_error") !== 0)
    add(
      true,
      "log_parameter_max_length_on_error",
      "a failed INSERT's values would go to the server log, dated",
      undo("log_parameter_max_length_on_error", "0"),
    );
  if (on("debug_print_plan"))
    add(
      true,
      "debug_print_plan",
      "every plan goes to the server log, dated, with the values each statement was run with",
      undo("debug_print_plan", "off"),
    );
  if (number("auto_explain.log_min_duration") >= 0)
    add(
      true,
      "auto_explain.log_min_duration",
      "auto_explain logs plans, dated, and a plan holds the values it was made for (a response id in an index condition)",
      undo("auto_explain.log_min_duration", "-1"),
    );
  return found;

  /** A statement's text and time in the log: refused with %x in the prefix, else a warning. */
  function timedOnly(name: string, remedy: string) {
    if (xid)
      add(
        true,
        name,
        "each logged statement would carry its transaction id (%x in log_line_prefix), which every waiting response keeps as its xmin: a time per response",
        `${remedy}; or take %x out of log_line_prefix`,
      );
    else
      add(
        false,
        name,
        "the server log keeps when each of this program's statements ran: when submissions were written, not whose",
        remedy,
      );
  }
}

const STATS = [
  "log_statement_stats",
  "log_parser_stats",
  "log_planner_stats",
  "log_executor_stats",
];

/** How to undo a setting where it was made: the database's, the role's, the file's, the URL's. */
function resetting(found: Setting | undefined, name: string, safe: string, who: Who): string {
  const db = quoteIdent(who.database);
  const user = quoteIdent(who.user);
  switch (found?.source) {
    case "database":
      return `ALTER DATABASE ${db} RESET ${name}`;
    case "user":
      return `ALTER ROLE ${user} RESET ${name}`;
    case "database user":
      return `ALTER ROLE ${user} IN DATABASE ${db} RESET ${name}`;
    case "client":
      return `take ${name} out of the connection's options (DATABASE_URL, PGOPTIONS)`;
    case "configuration file":
      return `set ${name} = ${safe} in postgresql.conf (or ALTER SYSTEM) and reload PostgreSQL`;
    default:
      return `set ${name} = ${safe}`;
  }
}

const setting = (who: Who, name: string, to: string) =>
  `ALTER DATABASE ${quoteIdent(who.database)} SET ${name} = ${to}`;

/**
 * Database-wide objects that act on or stream every write: event triggers, publications of this
 * program's tables (`schema`) or of all tables, logical slots decoding every table.
 */
export async function databaseWideFindings(client: Queryable, schema: string): Promise<Finding[]> {
  const found: Finding[] = [];
  const events = await client.query<{ name: string; event: string }>(
    "SELECT evtname AS name, evtevent AS event FROM pg_event_trigger WHERE evtenabled <> 'D' ORDER BY evtname",
  );
  for (const { name, event } of events.rows)
    found.push({
      refuse: true,
      problem: `has an unexpected event trigger ${JSON.stringify(name)} on ${event} (not made by this program's migrations; it runs on every DDL statement, this program's rebuild too)`,
      remedy: `drop it (DROP EVENT TRIGGER ${quoteIdent(name)}) and whatever it made`,
    });
  const publications = await client.query<{ name: string; table: string | null }>(
    `SELECT p.pubname AS name, NULL AS table FROM pg_publication p WHERE p.puballtables
     UNION ALL
     SELECT t.pubname, min(t.tablename) FROM pg_publication_tables t
      WHERE t.schemaname = $1 AND t.pubname NOT IN (SELECT pubname FROM pg_publication WHERE puballtables)
      GROUP BY t.pubname
     ORDER BY 1`,
    [schema],
  );
  for (const { name, table } of publications.rows)
    found.push({
      refuse: true,
      problem: `has a publication ${JSON.stringify(name)} of ${table ? `table ${table}` : "ALL TABLES"} (logical replication would stream every submission out in commit order)`,
      remedy: table
        ? `ALTER PUBLICATION ${quoteIdent(name)} DROP TABLE … for this program's tables, or DROP PUBLICATION ${quoteIdent(name)}`
        : `DROP PUBLICATION ${quoteIdent(name)}, or publish only other tables`,
    });
  const slots = await client.query<{ name: string; plugin: string }>(
    `SELECT slot_name AS name, plugin FROM pg_replication_slots
      WHERE slot_type = 'logical' AND database = current_database() AND plugin <> 'pgoutput'
      ORDER BY slot_name`,
  );
  for (const { name, plugin } of slots.rows)
    found.push({
      refuse: true,
      problem: `has a logical replication slot ${JSON.stringify(name)} (plugin ${plugin}) that decodes every insert in commit order`,
      remedy: `drop it: SELECT pg_drop_replication_slot('${name.replaceAll("'", "''")}')`,
    });
  return found;
}

/**
 * Other schemas on the connection's search_path: a table there, before ours, named like one of
 * ours would take this program's writes; a function or operator anywhere on it could be chosen over
 * the built-in one this program's statements mean (an extension's own are left to the extension).
 */
export async function searchPathFindings(client: Queryable, schema: string): Promise<Finding[]> {
  const { rows } = await client.query<{ other: string; kind: string; name: string }>(
    `WITH path AS (SELECT other, n FROM unnest(current_schemas(false)) WITH ORDINALITY AS s(other, n)),
          ours AS (SELECT coalesce(min(n), 0) AS n FROM path WHERE other = $1)
     SELECT p.other, o.kind, o.name
       FROM path p JOIN pg_namespace ns ON ns.nspname = p.other
       CROSS JOIN LATERAL (
         SELECT 'relation' AS kind, c.relname::text AS name FROM pg_class c
          WHERE c.relnamespace = ns.oid AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
            AND p.n < (SELECT n FROM ours)
         UNION ALL
         SELECT 'function', f.proname::text FROM pg_proc f
          WHERE f.pronamespace = ns.oid AND NOT EXISTS (SELECT 1 FROM pg_depend e
            WHERE e.classid = 'pg_proc'::regclass AND e.objid = f.oid AND e.deptype = 'e')
         UNION ALL
         SELECT 'operator', o.oprname::text FROM pg_operator o
          WHERE o.oprnamespace = ns.oid AND NOT EXISTS (SELECT 1 FROM pg_depend e
            WHERE e.classid = 'pg_operator'::regclass AND e.objid = o.oid AND e.deptype = 'e')
         LIMIT 1) o
      WHERE p.other NOT IN ($1, 'pg_catalog', 'information_schema')
      ORDER BY p.n`,
    [schema],
  );
  return rows.map(({ other, kind, name }) => ({
    refuse: true,
    problem: `has schema ${JSON.stringify(other)} on the search_path beside ${schema}, holding ${kind} ${JSON.stringify(name)} (a name there could stand in for this program's tables or functions)`,
    remedy: `keep only ${schema} on this user's search_path (ALTER ROLE … SET search_path = ${quoteIdent(schema)}), or empty ${quoteIdent(other)}`,
  }));
}
