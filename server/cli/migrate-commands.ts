// `migrate --to postgres://…`: moves an office from its SQLite file to PostgreSQL, all of it.
import { existsSync } from "node:fs";
import type { Config } from "../config.ts";
import { openDatabase } from "../storage/open-database.ts";
import { copySqliteToPostgres } from "../storage/postgres/copy-from-sqlite.ts";
import { migratePostgres } from "../storage/postgres/migrate.ts";
import { openPostgresPool } from "../storage/postgres/open-postgres.ts";

/**
 * Brings the file to the current schema (as `upgrade` does: stop the server first), makes the
 * tables in the target, refuses a target that holds anything, copies every row in one
 * transaction, and compares the counts table by table. Exit 0 only when all match.
 */
export async function migrateToPostgresCommand(config: Config, to?: string): Promise<number> {
  if (!to || !/^postgres(ql)?:\/\/./.test(to)) {
    console.error("✗ --to: give the target as postgres://user@host:5432/database");
    return 2;
  }
  // openDatabase would make an empty file, and an empty copy would "match" it table for table.
  if (!existsSync(config.databasePath)) {
    console.error(`✗ no database file at ${config.databasePath} (DATABASE_PATH): nothing to copy`);
    return 2;
  }
  const source = openDatabase(config.databasePath);
  const pool = openPostgresPool(to, { max: 2 });
  try {
    await migratePostgres(pool);
    const copied = await copySqliteToPostgres(source, pool);
    if (!copied.ok) {
      console.error(`✗ ${copied.problem}`);
      return 2;
    }
    for (const { table, rows } of copied.tables)
      console.log(`${String(rows).padStart(9)}  ${table}`);
    const target = new URL(to);
    console.log(
      `✓ copied ${config.databasePath} to PostgreSQL ${target.host}${target.pathname}; every table's count matches`,
    );
    console.log("  Start the server with DATABASE_URL set to it; keep the file as a backup.");
    return 0;
  } catch (error) {
    console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    source.close();
    await pool.end();
  }
}
