// Writes what the rule pages and the configuration schema repeat of the rule metadata (src/rules/<id>.ts,
// through the registry): the rule descriptions of schema/config.schema.json and the category/default line
// under the title of each docs/rules/<id>.md. Run after adding a rule or changing its summary, category or
// default severity: `npm run docs:rules`. test/rules/config-schema.test.ts and test/rules/doc-headers.test.ts
// fail until it is run.
import { readFileSync, writeFileSync } from "node:fs";
import { regenerateConfigSchema } from "../dist/rules/config-schema.js";
import { withRuleDocHeader } from "../dist/rules/docs.js";
import { RULES } from "../dist/rules/registry.js";

const root = new URL("../", import.meta.url);
const changed = [];
function rewrite(relative, generate) {
  const file = new URL(relative, root);
  const before = readFileSync(file, "utf8");
  const after = generate(before);
  if (after === before) return;
  writeFileSync(file, after);
  changed.push(relative);
}

rewrite("schema/config.schema.json", regenerateConfigSchema);
for (const rule of RULES) rewrite(rule.meta.docs, (text) => withRuleDocHeader(text, rule.meta));
console.log(changed.length === 0 ? "up to date" : `regenerated: ${changed.join(", ")}`);
