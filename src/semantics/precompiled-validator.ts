/**
 * Standalone validators that the build precompiles from schema/*.schema.json (scripts/build-validators.mjs):
 * compiling a schema with ajv at start-up cost about half of `sriovc check`'s start time on a small file.
 * Absent (running from src, as the tests do), the caller compiles the schema itself.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { ValidateFunction } from "ajv/dist/2020.js";

// Every dist module sits two levels below the package root, as the bundled dist/cli/bin.js does.
const VALIDATORS_DIRECTORY = fileURLToPath(new URL("../../dist/validators/", import.meta.url));
const load = createRequire(import.meta.url);

export function precompiledValidator(schema: "nic-catalogue" | "cost-profile" | "ir" | "partial-report"): ValidateFunction | undefined {
  const file = `${VALIDATORS_DIRECTORY}${schema}.cjs`;
  return existsSync(file) ? (load(file) as ValidateFunction) : undefined;
}
