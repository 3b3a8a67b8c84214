/**
 * The operator's CRD schemas (schema/operator/, vendored with their licence and source), read for the
 * `spec` of the objects `sriovc check` validates field by field (./k8s/field-values.ts). The subset of
 * JSON Schema they use is typed here. This module sits two levels below the package root, so its path
 * also resolves from the bundled CLI (scripts/bundle-cli.mjs).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface SchemaNode {
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: SchemaNode | boolean;
  readonly items?: SchemaNode;
  readonly required?: readonly string[];
}

export type SchemaKind = "SriovNetworkNodePolicy" | "SriovNetwork" | "SriovIBNetwork" | "OVSNetwork";

const specs = new Map<SchemaKind, SchemaNode>();

/** The `spec` schema of a kind. A missing or broken shipped schema is a bug in sriovc: this throws. */
export function specSchema(kind: SchemaKind): SchemaNode {
  let spec = specs.get(kind);
  if (spec === undefined) {
    const file = fileURLToPath(new URL(`../../schema/operator/${kind}.schema.json`, import.meta.url));
    const parsed = JSON.parse(readFileSync(file, "utf8")) as { properties?: { spec?: SchemaNode } };
    spec = parsed.properties?.spec;
    if (spec === undefined) throw new Error(`${file} has no spec schema`);
    specs.set(kind, spec);
  }
  return spec;
}
