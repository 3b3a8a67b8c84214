/**
 * `input-syntax`: reported by src/interop/yaml.ts and src/interop/xml.ts on the files `sriovc check` and `sriovc import` read
 * (operator YAML/JSON, libvirt XML), not on the `.sriov` model. Meta only, so that config, SARIF and
 * `sriovc explain` know the rule. Structure errors cannot be turned off or suppressed.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const inputSyntax: Rule = {
  meta: ruleMeta({
    id: "input-syntax",
    defaultSeverity: "error",
    category: "structure",
    summary: "An operator YAML/JSON or libvirt XML file does not parse, or breaks an input limit (size, depth, YAML aliases, a DTD).",
  }),
};
