/**
 * `invalid-field-value`: the values of an operator object's `spec` that the API server refuses (the CRD
 * schema's types, enums, bounds and required fields) or the operator's webhook refuses (a `resourceName`
 * other than letters, digits and `_`), each at its line. Values are typed as Kubernetes reads them:
 * kubectl and the API server read YAML 1.1, where a bare `on`, `off`, `yes` or `no` is a boolean (the
 * `yaml` package, YAML 1.2, reads a string), so `spoofChk: on` is refused as a boolean.
 */
import { diagnostic, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { closestNames } from "../../semantics/suggest.js";
import type { Span } from "../../syntax/span.js";
import { entry, type Located, type LocatedMap } from "../located.js";
import { specSchema, type SchemaKind, type SchemaNode } from "../operator-schemas.js";

export const INVALID_FIELD_VALUE = "invalid-field-value";

/** YAML 1.1's booleans (yaml.org/type/bool.html), as a plain scalar. */
const YAML11_BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;

/** staticValidateSriovNetworkNodePolicy (pkg/webhook/validate.go): the resource name's characters. */
const RESOURCE_NAME = /^[a-zA-Z0-9_]+$/;

type Actual = "object" | "array" | "string" | "integer" | "number" | "boolean" | "null";

function actualType(value: Located): Actual {
  if (value.kind === "map") return "object";
  if (value.kind === "seq") return "array";
  const v = value.value;
  if (v === null) return "null";
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return value.style === "PLAIN" && YAML11_BOOL.test(v) ? "boolean" : "string";
}

const ARTICLE: Record<Actual, string> = { object: "an object", array: "a list", string: "a string", integer: "an integer", number: "a number", boolean: "a boolean", null: "empty" };

/**
 * The fields whose string the operator copies raw into the CNI config it renders (api/v1/helper.go,
 * RenderNetAttDef): JSON written as a YAML map there, as public examples often do, is a YAML string away.
 */
const JSON_STRING_FIELDS = new Set(["ipam", "metaPlugins", "capabilities"]);

/** The value as plain data, to write back as JSON. */
function plainOf(value: Located): unknown {
  if (value.kind === "scalar") return value.value;
  if (value.kind === "seq") return value.items.map(plainOf);
  return Object.fromEntries(value.entries.map((e) => [e.key, plainOf(e.value)]));
}

/** `ipam: '{"type":"static"}'`: the map written as the JSON string the CRD wants, when short enough to quote in a help. */
function jsonStringHelp(field: string, value: Located): string {
  const json = JSON.stringify(plainOf(value));
  // A `'` would need doubling inside the single-quoted YAML string; a long value would drown the help.
  const shown = json.length <= 100 && !json.includes("'") ? `\`${field}: '${json}'\`` : `\`${field}: '{"type": …}'\``;
  return `write the JSON as a YAML string, which the operator copies into the CNI config: ${shown}`;
}

/** Checks `spec` (the map under the `spec` key at `specKey`) against the kind's CRD schema. */
export function checkSpecValues(kind: SchemaKind, spec: LocatedMap | undefined, specKey: Span, diagnostics: Diagnostic[]): void {
  if (spec === undefined) return;
  const report = (span: Span, message: string, help: string): void => {
    diagnostics.push(diagnostic(INVALID_FIELD_VALUE, "error", span, message, { help }));
  };
  const checkMap = (map: LocatedMap, schema: SchemaNode, path: string, keySpan: Span): void => {
    for (const e of map.entries) {
      const property = schema.properties?.[e.key] ?? (typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined);
      if (property !== undefined) checkValue(e.value, property, path === "" ? e.key : `${path}.${e.key}`);
    }
    const missing = (schema.required ?? []).filter((name) => entry(map, name) === undefined);
    if (missing.length > 0)
      report(keySpan, `\`${path === "" ? "spec" : path}\` lacks ${missing.map((m) => `\`${m}\``).join(", ")}, which the CRD requires: the API server refuses the object`, `add ${missing.map((m) => `\`${m}\``).join(", ")}`);
  };
  const checkValue = (value: Located, schema: SchemaNode, path: string): void => {
    const actual = actualType(value);
    const want = schema.type;
    const fits = want === undefined || want === actual || (want === "number" && actual === "integer");
    if (!fits) {
      const raw = value.kind === "scalar" ? String(value.value) : "";
      const help =
        want === "string" && (actual === "integer" || actual === "number" || actual === "boolean")
          ? `quote it: \`${path.split(".").pop()}: "${raw}"\`${actual === "boolean" && typeof (value.kind === "scalar" ? value.value : null) === "string" ? " (Kubernetes reads YAML 1.1, where a bare on/off/yes/no is a boolean)" : ""}`
          : want === "integer" && actual === "string" && /^-?\d+$/.test(raw)
            ? `write it without quotes: \`${path.split(".").pop()}: ${raw}\``
            : want === "string" && (actual === "object" || actual === "array") && JSON_STRING_FIELDS.has(path)
              ? jsonStringHelp(path, value)
              : `give ${ARTICLE[want as Actual] ?? want}`;
      report(value.span, `\`${path}\` is ${ARTICLE[actual]}, and the CRD wants ${ARTICLE[want as Actual] ?? want}: the API server refuses the object`, help);
      return;
    }
    if (value.kind === "scalar") {
      if (schema.enum !== undefined && !schema.enum.includes(value.value)) {
        const allowed = schema.enum.filter((v): v is string => typeof v === "string" && v !== "");
        const written = String(value.value);
        // A prefix (`vfio` for `vfio-pci`) or a near spelling (`netdev1ce`).
        const near = allowed.find((v) => v.toLowerCase().startsWith(written.toLowerCase())) ?? closestNames(written, allowed, 1)[0];
        report(value.span, `\`${path}: ${written}\` is not one of ${allowed.map((v) => `\`${v}\``).join(", ")}: the API server refuses the object`, near !== undefined ? `did you mean \`${near}\`?` : `write one of ${allowed.map((v) => `\`${v}\``).join(", ")}`);
      }
      if (typeof value.value === "number") {
        if (schema.minimum !== undefined && value.value < schema.minimum)
          report(value.span, `\`${path}: ${value.value}\` is below the CRD's minimum (${schema.minimum}): the API server refuses the object`, `use at least ${schema.minimum}`);
        if (schema.maximum !== undefined && value.value > schema.maximum)
          report(value.span, `\`${path}: ${value.value}\` is above the CRD's maximum (${schema.maximum}): the API server refuses the object`, `use at most ${schema.maximum}`);
      }
    } else if (value.kind === "map") {
      checkMap(value, schema, path, value.span);
    } else if (schema.items !== undefined) {
      value.items.forEach((item, i) => checkValue(item, schema.items!, `${path}[${i}]`));
    }
  };
  checkMap(spec, specSchema(kind), "", specKey);
  if (kind === "SriovNetworkNodePolicy") {
    const name = entry(spec, "resourceName");
    if (name !== undefined && name.value.kind === "scalar" && typeof name.value.value === "string" && !RESOURCE_NAME.test(name.value.value))
      report(name.value.span, `resource name \`${name.value.value}\` has characters the operator's webhook refuses: only letters, digits and \`_\``, `write \`${name.value.value.replace(/[^a-zA-Z0-9_]/g, "_")}\``);
  }
}
