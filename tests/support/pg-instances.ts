// Several real app instances on one PostgreSQL database, each on its own loopback port: what a
// province runs behind nginx. Requests alternate between them, as a round-robin would.
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "../../server/app.ts";
import { composeSystem, type System } from "../../server/compose.ts";
import { readConfig } from "../../server/config.ts";
import { createTestDatabase, type TestDatabase } from "./pg-database.ts";

export interface Instance {
  url: string;
  system: System;
}

export interface Instances {
  database: TestDatabase;
  all: Instance[];
  /** The i-th request's instance: round-robin over all of them. */
  pick(i: number): Instance;
  logs: string[];
  close(): Promise<void>;
}

export interface InstanceOptions {
  /** Every instance's clock (AppDeps.now), e.g. to step through windows; default: real time. */
  now?: () => Date;
}

/** Starts `count` instances at once on a fresh database (they migrate it once between them). */
export async function startInstances(
  count = 2,
  env: Record<string, string> = {},
  options: InstanceOptions = {},
) {
  const database = await createTestDatabase();
  const logs: string[] = [];
  const started = await Promise.all(
    Array.from({ length: count }, async () => {
      const config = readConfig({
        DATABASE_URL: database.url,
        SURVEYS_DIR: resolve("surveys"),
        DIST_DIR: resolve("dist"),
        // Tests submit hundreds from 127.0.0.1; the stuffing tests set their own.
        SUBMIT_LIMIT_PER_ADDRESS: "0",
        ...env,
      });
      const system = await composeSystem(config, {
        log: (line) => logs.push(line),
        ...(options.now ? { now: options.now } : {}),
      });
      const server = serve({ fetch: createApp(system.deps).fetch, port: 0, hostname: "127.0.0.1" });
      await new Promise<void>((done) => server.once("listening", done));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      system.deps.publicBase = url;
      return { url, system, server };
    }),
  );
  const all = started.map(({ url, system }) => ({ url, system }));
  return {
    database,
    all,
    logs,
    pick: (i: number) => all[i % all.length] as Instance,
    async close() {
      for (const { server, system } of started) {
        await new Promise<void>((done) => server.close(() => done()));
        await system.close();
      }
      await database.drop();
    },
  } satisfies Instances;
}
