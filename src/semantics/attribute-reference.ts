/**
 * The reference table of every block's attributes (type, unit, default, meaning) as Markdown, made from
 * ATTRIBUTE_TABLE (types, units, defaults), ATTRIBUTE_DOCS (the meaning an editor shows on hover) and the
 * cost parameters, so docs/LANGUAGE.md cannot drift from the checker: a test
 * compares its "Attributes of each block" section with this text, and `npm run docs:attributes`
 * writes it there.
 */
import { ATTRIBUTE_DOCS } from "./attribute-docs.js";
import { ATTRIBUTE_TABLE, COST_ATTRIBUTES } from "./attributes.js";
import { COST_PARAMETER_UNITS } from "./model.js";

export const ATTRIBUTES_BEGIN = "<!-- attributes:begin (generated from src/semantics/attributes.ts and attribute-docs.ts by npm run docs:attributes) -->";
export const ATTRIBUTES_END = "<!-- attributes:end -->";

const COST_UNITS: Readonly<Record<string, string>> = {
  work: "cycles: `cyc` `kcyc`, or a plain number",
  duration: "`ns` `us` `ms` `s`",
  size: "bytes: `B`, or a plain number",
  count: "a plain number",
};

function cell(text: string): string {
  return text === "" ? "" : text.replace(/\|/g, "\\|");
}

export function attributeReference(): string {
  const parts: string[] = [];
  for (const [kind, table] of Object.entries(ATTRIBUTE_TABLE)) {
    parts.push(`### \`${kind}\``, "", "| attribute | type | unit | default | meaning |", "|---|---|---|---|---|");
    for (const [name, spec] of Object.entries(table)) {
      const meaning = (ATTRIBUTE_DOCS as Readonly<Record<string, Readonly<Record<string, string>>>>)[kind]?.[name] ?? "";
      parts.push(`| \`${name}\` | ${cell(spec.type)} | ${cell(spec.unit)} | ${cell(spec.default)} | ${cell(meaning)} |`);
    }
    parts.push("");
  }
  parts.push(
    "### `cost` (inside `simulation`)",
    "",
    "Each attribute overrides one parameter of the cost profile; a parameter left out keeps the profile's value.",
    "",
    "| attribute | unit |",
    "|---|---|",
  );
  for (const [written, parameter] of COST_ATTRIBUTES) parts.push(`| \`${written}\` | ${COST_UNITS[COST_PARAMETER_UNITS[parameter]]} |`);
  parts.push("| `description` | string |", "");
  return parts.join("\n");
}
