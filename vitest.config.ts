// Test runner settings: every *.test.ts under tests/, benchmarks excluded (they are not tests), in
// two projects. "sqlite" runs them all, as on a laptop. "postgres" (only with TEST_DATABASE_URL)
// runs again, on PostgreSQL, every tests/server file that starts the app through test-server.ts,
// plus the PostgreSQL storage and race tests; SURVEY_TEST_ENGINE tells test-server.ts which engine.
import { defineConfig } from "vitest/config";
import { testFilesReaching } from "./tests/support/engine-files.ts";

// Under CI=true the PostgreSQL run must happen, not skip (tests/support/pg-database.ts says so too).
if (!process.env.TEST_DATABASE_URL && process.env.CI === "true")
  throw new Error(
    "TEST_DATABASE_URL is not set: under CI=true the PostgreSQL tests must run, not skip " +
      "(e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)",
  );
const withPostgres = Boolean(process.env.TEST_DATABASE_URL);

/** About PostgreSQL itself (every test skips without it): run once, in the "postgres" project. */
const POSTGRES_ONLY = [
  "tests/server/storage/postgres/**",
  "tests/server/instances/**",
  "tests/server/cli/migrate-to-postgres.test.ts",
];

/** Files that start the app through test-server.ts but are about the SQLite file itself. */
const SQLITE_ONLY = [
  // Opens its SQLite and its PostgreSQL readers side by side itself.
  "tests/server/tabulate/worker-readers.test.ts",
];

const BASE_EXCLUDE = ["tests/bench/**", "node_modules/**"];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ["default", "./tests/support/summary-reporter.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "sqlite",
          include: ["tests/**/*.test.ts"],
          exclude: [...BASE_EXCLUDE, ...(withPostgres ? POSTGRES_ONLY : [])],
        },
      },
      ...(withPostgres
        ? [
            {
              extends: true as const,
              test: {
                name: "postgres",
                include: testFilesReaching("tests/server", [
                  "tests/support/test-server.ts",
                  "tests/support/pg-database.ts",
                ]),
                exclude: [...BASE_EXCLUDE, ...SQLITE_ONLY],
                env: { SURVEY_TEST_ENGINE: "postgres" },
              },
            },
          ]
        : []),
    ],
  },
});
