// The committed JSON Schema for editors is exactly what the zod schema generates (no drift).
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { JSON_SCHEMA_PATH, renderJsonSchema } from "../../../surveys/format/write-json-schema.ts";

it("surveys/format/survey.schema.json is up to date (run `npm run schema` if not)", () => {
  expect(JSON.parse(readFileSync(JSON_SCHEMA_PATH, "utf8"))).toEqual(
    JSON.parse(renderJsonSchema()),
  );
  const schema = JSON.parse(renderJsonSchema());
  expect(Object.keys(schema.properties)).toEqual([
    "$schema",
    "id",
    "title",
    "intro",
    "variables",
    "minBase",
    "sections",
  ]);
});
