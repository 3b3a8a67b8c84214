// Precompiles the JSON Schemas that every `sriovc` run validates shipped data against (the NIC catalogue,
// the cost profiles, and the IR that `compile` and `simulate` check before they write or run it) into standalone validators, dist/validators/<schema>.cjs, so a run does not compile
// them with ajv at start-up: that compile was about half of `sriovc check`'s start time on a small file
// (docs/PERFORMANCE.md). src/semantics/catalogue.ts and src/lower/profiles.ts load these when present and
// compile the schema themselves otherwise (tests run from src). Run after tsc.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "dist/validators");
mkdirSync(outDir, { recursive: true });
// The same options as the runtime's `new Ajv2020({ allErrors: true })`, so errors read the same.
for (const name of ["nic-catalogue", "cost-profile", "ir"]) {
  const schema = JSON.parse(readFileSync(join(root, "schema", `${name}.schema.json`), "utf8"));
  const ajv = new Ajv2020({ allErrors: true, code: { source: true, esm: false } });
  const code = standaloneCode.default ? standaloneCode.default(ajv, ajv.compile(schema)) : standaloneCode(ajv, ajv.compile(schema));
  const out = join(outDir, `${name}.cjs`);
  const temporary = `${out}.${process.pid}.tmp`;
  writeFileSync(temporary, code);
  renameSync(temporary, out);
}
