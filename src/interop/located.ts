/**
 * A parsed YAML/JSON document as plain located values: every map entry, sequence item and scalar keeps
 * the span of its source, so every later diagnostic can point at the user's own file. Produced by
 * ./yaml.ts; nothing past it imports the `yaml` package.
 */
import type { Span } from "../syntax/span.js";
import type { ScalarStyle } from "./yaml-scalar-offsets.js";

export type Located = LocatedMap | LocatedSeq | LocatedScalar;

export interface LocatedEntry {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: Located;
}

export interface LocatedMap {
  readonly kind: "map";
  readonly entries: readonly LocatedEntry[];
  readonly span: Span;
}

export interface LocatedSeq {
  readonly kind: "seq";
  readonly items: readonly Located[];
  readonly span: Span;
}

export interface LocatedScalar {
  readonly kind: "scalar";
  readonly value: string | number | boolean | null;
  readonly span: Span;
  /**
   * How the scalar is written, when read from a file: `PLAIN` (no quotes: Kubernetes' YAML 1.1 may read it
   * otherwise, `on`), `QUOTE_DOUBLE` (where `\` starts a YAML escape: a JSON escape in the value is written
   * `\\u0020` there)…
   */
  readonly style?: ScalarStyle;
  /**
   * The text the scalar was parsed from, shared by every scalar of a parse: parts of its value are located
   * in it on demand (`locatePart`). Undefined when they cannot be (a value parsed out of another string).
   */
  readonly source?: ScalarSource;
}

/** The text a parse read, which locates parts of its scalars' values (./yaml.ts). */
export interface ScalarSource {
  part(scalar: LocatedScalar, from: number, to: number): Span | undefined;
}

/**
 * Where the characters [from, to) of a string scalar's value stand in the file (./yaml-scalar-offsets.ts);
 * undefined when that cannot be told (the caller then points at the whole value).
 */
export function locatePart(scalar: LocatedScalar, from: number, to: number): Span | undefined {
  return scalar.source?.part(scalar, from, to);
}

/** The entry named exactly `key`. */
export function entry(map: LocatedMap | undefined, key: string): LocatedEntry | undefined {
  return map?.entries.find((e) => e.key === key);
}

/**
 * The entry whose key equals `key` ignoring case, as Go's encoding/json matches struct fields (the exact
 * spelling wins): the operator reads `totalvfs`, `Vfs` and `Vlan` in node-state dumps this way.
 */
export function entryFold(map: LocatedMap | undefined, key: string): LocatedEntry | undefined {
  return entry(map, key) ?? map?.entries.find((e) => e.key.toLowerCase() === key.toLowerCase());
}

export function asMap(value: Located | undefined): LocatedMap | undefined {
  return value?.kind === "map" ? value : undefined;
}

export function asSeq(value: Located | undefined): LocatedSeq | undefined {
  return value?.kind === "seq" ? value : undefined;
}

export function asString(value: Located | undefined): string | undefined {
  if (value?.kind !== "scalar" || value.value === null) return undefined;
  return typeof value.value === "string" ? value.value : String(value.value);
}

/** An integer, also when written as a string (`"8"`), as the operator's dumps sometimes do. */
export function asInteger(value: Located | undefined): number | undefined {
  if (value?.kind !== "scalar") return undefined;
  const v = value.value;
  if (typeof v === "number") return Number.isInteger(v) ? v : undefined;
  if (typeof v === "string" && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

export function asBoolean(value: Located | undefined): boolean | undefined {
  if (value?.kind !== "scalar") return undefined;
  if (typeof value.value === "boolean") return value.value;
  if (value.value === "true") return true;
  if (value.value === "false") return false;
  return undefined;
}
