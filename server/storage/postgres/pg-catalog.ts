// One schema as PostgreSQL's catalog describes it: every object that could act on a write (tables,
// columns and their defaults, indexes, constraints, triggers, rules, row-level policies, functions,
// operators, types), each with its definition as PostgreSQL prints it. Read with the search_path
// set to that schema alone, so the printed definitions name its objects unqualified and two
// schemas made by the same migrations read alike.
import type { Queryable } from "./pg-transaction.ts";

export interface CatalogObject {
  /** table, unlogged table, view, sequence, index, constraint, trigger, rule, policy, function, … */
  kind: string;
  name: string;
  /** The table (or domain) it belongs to, for the kinds that belong to one. */
  on: string | null;
  definition: string;
}

export interface CatalogColumn {
  name: string;
  type: string;
  notNull: boolean;
  /** Its default expression as PostgreSQL prints it, e.g. now(); null when none. */
  default: string | null;
  /** 'a' or 'd' for an identity column, '' otherwise. */
  identity: string;
  /** 's' for a generated column, '' otherwise. */
  generated: string;
  /** The collation when it is not the type's own, e.g. C. */
  collation: string | null;
}

export interface CatalogSchema {
  objects: CatalogObject[];
  /** Each table's columns, in their order. */
  columns: Map<string, CatalogColumn[]>;
}

// An extension's own objects (pg_stat_statements' view, say) are the extension's, not a copy of
// ours: left out. A trigger, rule or policy is never an extension's, so one calling them is not.
const NOT_EXTENSION = (catalog: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '${catalog}'::regclass AND e.objid = ${oid} AND e.deptype = 'e')`;

const OBJECTS = `
WITH ns AS (SELECT oid FROM pg_namespace WHERE nspname = $1)
SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'partitioned table' WHEN 'v' THEN 'view'
         WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table'
         ELSE 'type' END AS kind,
       c.relname AS name, NULL AS on,
       concat_ws(' ',
         CASE c.relpersistence WHEN 'u' THEN 'UNLOGGED' END,
         CASE WHEN c.relrowsecurity THEN 'ROW LEVEL SECURITY' END,
         CASE WHEN c.relforcerowsecurity THEN 'FORCE ROW LEVEL SECURITY' END,
         CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END,
         (SELECT concat_ws(' ', format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin,
                           s.seqmax, s.seqcache, s.seqcycle)
            FROM pg_sequence s WHERE s.seqrelid = c.oid)) AS definition
  FROM pg_class c
 WHERE c.relnamespace = (SELECT oid FROM ns) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c')
   AND ${NOT_EXTENSION("pg_class", "c.oid")}
UNION ALL
SELECT 'index', i.relname, t.relname, pg_get_indexdef(i.oid, 0, true)
  FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
 WHERE i.relnamespace = (SELECT oid FROM ns) AND ${NOT_EXTENSION("pg_class", "t.oid")}
UNION ALL
SELECT 'constraint', k.conname, coalesce(t.relname, d.typname), pg_get_constraintdef(k.oid, true)
  FROM pg_constraint k LEFT JOIN pg_class t ON t.oid = k.conrelid LEFT JOIN pg_type d ON d.oid = k.contypid
 WHERE k.connamespace = (SELECT oid FROM ns)
   AND ${NOT_EXTENSION("pg_class", "k.conrelid")} AND ${NOT_EXTENSION("pg_type", "k.contypid")}
UNION ALL
SELECT 'trigger', g.tgname, t.relname,
       pg_get_triggerdef(g.oid, true) || CASE g.tgenabled WHEN 'O' THEN '' ELSE ' (enabled: ' || g.tgenabled::text || ')' END
  FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid
 WHERE t.relnamespace = (SELECT oid FROM ns) AND NOT g.tgisinternal
UNION ALL
SELECT 'rule', r.rulename, t.relname, pg_get_ruledef(r.oid, true)
  FROM pg_rewrite r JOIN pg_class t ON t.oid = r.ev_class
 WHERE t.relnamespace = (SELECT oid FROM ns) AND r.rulename <> '_RETURN'
UNION ALL
SELECT 'policy', p.polname, t.relname,
       concat_ws(' ', p.polcmd, p.polpermissive, p.polroles::regrole[]::text,
                 pg_get_expr(p.polqual, p.polrelid, true), pg_get_expr(p.polwithcheck, p.polrelid, true))
  FROM pg_policy p JOIN pg_class t ON t.oid = p.polrelid
 WHERE t.relnamespace = (SELECT oid FROM ns)
UNION ALL
SELECT CASE f.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' WHEN 'w' THEN 'window function'
         ELSE 'function' END,
       f.proname || '(' || pg_get_function_identity_arguments(f.oid) || ')', NULL,
       concat_ws(' ', l.lanname, f.provolatile, f.prosecdef, pg_get_function_result(f.oid),
                 f.proconfig::text, f.prosrc)
  FROM pg_proc f JOIN pg_language l ON l.oid = f.prolang
 WHERE f.pronamespace = (SELECT oid FROM ns) AND ${NOT_EXTENSION("pg_proc", "f.oid")}
UNION ALL
SELECT 'operator',
       o.oprname || '(' || coalesce(format_type(nullif(o.oprleft, 0), NULL), 'NONE') || ', '
         || format_type(o.oprright, NULL) || ')',
       NULL, o.oprcode::text
  FROM pg_operator o
 WHERE o.oprnamespace = (SELECT oid FROM ns) AND ${NOT_EXTENSION("pg_operator", "o.oid")}
UNION ALL
SELECT CASE y.typtype WHEN 'd' THEN 'domain' WHEN 'e' THEN 'enum' ELSE 'range' END, y.typname, NULL,
       concat_ws(' ', format_type(nullif(y.typbasetype, 0), y.typtypmod), y.typnotnull, y.typdefault,
                 (SELECT string_agg(v.enumlabel, ',' ORDER BY v.enumsortorder) FROM pg_enum v
                   WHERE v.enumtypid = y.oid))
  FROM pg_type y
 WHERE y.typnamespace = (SELECT oid FROM ns) AND y.typtype IN ('d', 'e', 'r')
   AND ${NOT_EXTENSION("pg_type", "y.oid")}`;

const COLUMNS = `
SELECT t.relname AS "table", a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS "notNull", pg_get_expr(d.adbin, d.adrelid, true) AS default,
       a.attidentity::text AS identity, a.attgenerated::text AS generated,
       CASE WHEN a.attcollation <> y.typcollation THEN k.collname END AS collation
  FROM pg_attribute a
  JOIN pg_class t ON t.oid = a.attrelid
  JOIN pg_type y ON y.oid = a.atttypid
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  LEFT JOIN pg_collation k ON k.oid = a.attcollation
 WHERE t.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1)
   AND t.relkind IN ('r', 'p', 'f') AND a.attnum > 0 AND NOT a.attisdropped
 ORDER BY t.relname, a.attnum`;

/**
 * Reads `schema`; the caller has set the search_path to it alone. `scrub`: a schema name to take
 * out of definitions wherever PostgreSQL still printed it as a qualifier (the probe's random one).
 */
export async function readCatalogSchema(
  client: Queryable,
  schema: string,
  scrub?: string,
): Promise<CatalogSchema> {
  const unqualified = (text: string) =>
    scrub ? text.replaceAll(`${quoteIdent(scrub)}.`, "") : text;
  const objects = await client.query<CatalogObject>(OBJECTS, [schema]);
  const columns = await client.query<CatalogColumn & { table: string }>(COLUMNS, [schema]);
  const byTable = new Map<string, CatalogColumn[]>();
  for (const { table, ...column } of columns.rows) {
    const list = byTable.get(table) ?? [];
    list.push({ ...column, default: column.default && unqualified(column.default) });
    byTable.set(table, list);
  }
  return {
    objects: objects.rows.map((o) => ({ ...o, definition: unqualified(o.definition) })),
    columns: byTable,
  };
}

/** An identifier as PostgreSQL's quote_ident prints it: bare when it may be, quoted otherwise. */
export const quoteIdent = (name: string) =>
  /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
