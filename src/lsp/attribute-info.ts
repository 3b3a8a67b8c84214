/** An attribute's type, default and doc by block kind and name, for hover and completion. */
import { ATTRIBUTE_DOCS } from "../semantics/attribute-docs.js";
import { ATTRIBUTE_TABLE, type AttributeSpec } from "../semantics/attributes.js";

const SPECS: Readonly<Record<string, Readonly<Record<string, AttributeSpec>>>> = ATTRIBUTE_TABLE;
const DOCS: Readonly<Record<string, Readonly<Record<string, string>>>> = ATTRIBUTE_DOCS;

export function attributeSpec(kind: string, name: string): AttributeSpec | undefined {
  return Object.hasOwn(SPECS, kind) && Object.hasOwn(SPECS[kind]!, name) ? SPECS[kind]![name] : undefined;
}

export function attributeDoc(kind: string, name: string): string | undefined {
  return Object.hasOwn(DOCS, kind) && Object.hasOwn(DOCS[kind]!, name) ? DOCS[kind]![name] : undefined;
}

/** The attribute names a block kind takes, in LANGUAGE.md's order. */
export function attributeNames(kind: string): string[] {
  return Object.hasOwn(SPECS, kind) ? Object.keys(SPECS[kind]!) : [];
}
