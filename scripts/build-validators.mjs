// Precompiles the JSON Schemas that `sriovc` validates against at run time (the NIC catalogue and the
// cost profiles on every run, the IR on every compile, simulate and IR file read, the partial report on every merge) into standalone validators, dist/validators/<schema>.cjs, so a run does not compile
// them with ajv at start-up: that compile was about half of `sriovc check`'s start time on a small file
// (docs/PERFORMANCE.md); the IR schema's was about half of `simulate`'s on a sample.
// src/semantics/catalogue.ts, src/lower/profiles.ts, src/lower/validate.ts and src/cli/partial-report.ts load these when present and
// compile the schema themselves otherwise (tests run from src). Run after tsc.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "dist/validators");
mkdirSync(outDir, { recursive: true });
// The same options as the runtime's (`new Ajv2020({ allErrors: true })`, strict for the IR), so errors read the same,
// except `inlineRefs: false`: each `$ref`ed definition becomes one function instead of a copy at every use,
// which changes the code's size, not what it accepts or reports. The cost profile's validator, loaded by
// every `check` that lowers, went from 293 KB to 42 KB, the IR's from 272 KB to 214 KB (docs/PERFORMANCE.md).
// The partial report's parts are in the report's shapes and its settings take their ranges from the IR
// schema (`$ref`), so those two are added too.
const readSchema = (name) => JSON.parse(readFileSync(join(root, "schema", `${name}.schema.json`), "utf8"));
for (const [name, strict, referenced] of [["nic-catalogue", false, []], ["cost-profile", false, []], ["ir", true, []], ["partial-report", true, ["ir", "report"]]]) {
  const schema = readSchema(name);
  const ajv = new Ajv2020({ allErrors: true, inlineRefs: false, ...(strict ? { strict: true } : {}), code: { source: true, esm: false } });
  for (const other of referenced) ajv.addSchema(readSchema(other));
  const code = standaloneCode.default ? standaloneCode.default(ajv, ajv.compile(schema)) : standaloneCode(ajv, ajv.compile(schema));
  const out = join(outDir, `${name}.cjs`);
  const temporary = `${out}.${process.pid}.tmp`;
  writeFileSync(temporary, code);
  renameSync(temporary, out);
}
