// Writes surveys/format/survey.schema.json from the zod schema, so "$schema" gives editors autocomplete.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { SurveySchema } from "./schema.ts";

export const JSON_SCHEMA_PATH = fileURLToPath(new URL("./survey.schema.json", import.meta.url));

export function renderJsonSchema(): string {
  const schema = z.toJSONSchema(SurveySchema, { io: "input", unrepresentable: "any" });
  return `${JSON.stringify({ ...schema, title: "Survey definition" }, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(JSON_SCHEMA_PATH, renderJsonSchema());
  console.log(`wrote ${JSON_SCHEMA_PATH}`);
}
