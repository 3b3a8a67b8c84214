// Writes the rule descriptions of schema/config.schema.json (generated from the rule metadata in
// src/rules/<id>.ts, through the registry). Run after adding a rule or changing its summary or default
// severity: `npm run docs:rules`. test/rules/config-schema.test.ts fails until the file is regenerated.
import { readFileSync, writeFileSync } from "node:fs";
import { regenerateConfigSchema } from "../dist/rules/config-schema.js";

const file = new URL("../schema/config.schema.json", import.meta.url);
const before = readFileSync(file, "utf8");
const after = regenerateConfigSchema(before);
if (after !== before) writeFileSync(file, after);
console.log(after === before ? "schema/config.schema.json is up to date" : "schema/config.schema.json regenerated");
