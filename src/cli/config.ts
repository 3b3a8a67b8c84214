/**
 * `sriovc.json`: for each checked file, the one in its directory or the nearest parent (as prettier finds
 * its configuration; standard input uses the working directory's), or the one given with `--config PATH`;
 * validated against schema/config.schema.json (published in the package, so editors complete it).
 * Any problem is a usage error (exit 2) that names the file, the JSON pointer and what was expected.
 */
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { ErrorObject } from "ajv/dist/2020.js";
import { newAjv2020 } from "../semantics/ajv-on-demand.js";
import { displayPath } from "../semantics/display-path.js";
import { unconfigurableRuleMessage, type RuleSettings } from "../rules/registry.js";
import { RULE_SETTINGS } from "../rules/rule.js";
import { profileNames, unknownProfileMessage } from "../semantics/profile-names.js";
import { describeUnreadable, readUntrustedFile, type DecodedText } from "../semantics/untrusted-file.js";
import { UsageError } from "./errors.js";
import { jsonPointerPlaces, parseJsonFile } from "./json-input.js";

/** A configuration is a few KiB; a larger one is refused unread. */
const MAX_CONFIG_BYTES = 1024 * 1024;

export const CONFIG_FILE_NAME = "sriovc.json";

/** Absolute path of the published schema, beside dist/ in the package (two levels above this module). */
export const CONFIG_SCHEMA_PATH = fileURLToPath(new URL("../../schema/config.schema.json", import.meta.url));

export interface SriovcConfig {
  /** Where it was read from, as shown to the user; absent for the built-in defaults. */
  readonly file?: string;
  readonly rules: RuleSettings;
  /** Cost profile name, when the file sets one. */
  readonly profile?: string;
}

export const DEFAULT_CONFIG: SriovcConfig = { rules: {} };

/** The nearest `sriovc.json` in `cwd` or a parent directory. */
export function findConfigFile(cwd: string): string | undefined {
  let directory = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(directory, CONFIG_FILE_NAME);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    const parent = path.dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
let validator: Validator | undefined;

function validate(data: unknown): ErrorObject[] {
  if (validator === undefined) {
    const schema = JSON.parse(readFileSync(CONFIG_SCHEMA_PATH, "utf8")) as object;
    validator = newAjv2020({ allErrors: true }).compile(schema) as Validator;
  }
  return validator(data) ? [] : [...(validator.errors ?? [])];
}

function encodePointerSegment(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

function typeName(type: string): string {
  return type === "object" ? "an object" : type === "array" ? "an array" : type === "integer" ? "an integer" : `a ${type}`;
}

/** One ajv error in the user's terms: the JSON pointer of the offending value, and what was expected. */
function describe(error: ErrorObject): { pointer: string; message: string } {
  const at = error.instancePath;
  switch (error.keyword) {
    case "enum":
      return { pointer: at, message: `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(", ")}` };
    case "type":
      return { pointer: at, message: `must be ${typeName(String((error.params as { type: string }).type))}` };
    case "minLength":
      return { pointer: at, message: "must not be empty" };
    case "additionalProperties": {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const pointer = `${at}/${encodePointerSegment(key)}`;
      if (at === "/rules") return { pointer, message: unconfigurableRuleMessage(key) };
      return { pointer, message: `unknown setting '${key}'; expected rules, profile, importRoots or $schema` };
    }
    default:
      return { pointer: at, message: error.message ?? "is invalid" };
  }
}

/** `FILE:LINE:COLUMN: POINTER: message` lines (the whole document's pointer shown as `/`), located in `text`. */
function locatedLines(text: string, shown: string, problems: readonly { pointer: string; message: string }[]): string[] {
  const places = jsonPointerPlaces(text, shown, problems.map((p) => p.pointer));
  return problems.map((p) => `${places.get(p.pointer) ?? shown}: ${p.pointer || "/"}: ${p.message}`);
}

/** Validates a configuration's text (or the file as read); `shown` is the path used in messages. Throws UsageError. */
export function parseConfig(source: string | DecodedText, shown: string): SriovcConfig {
  const text = typeof source === "string" ? source : source.text;
  const parsed = parseJsonFile(typeof source === "string" ? { text: source } : source, shown);
  if (!parsed.ok) throw new UsageError(parsed.message);
  const data = parsed.value;
  const errors = validate(data);
  if (errors.length > 0) {
    // Ajv may report one problem at one path more than once (through `$ref`): keep each message once.
    const problems = [...new Map(errors.map(describe).map((p) => [`${p.pointer}\u0000${p.message}`, p])).values()];
    throw new UsageError(locatedLines(text, shown, problems).join("\nsriovc: "));
  }
  const object = data as { rules?: Record<string, (typeof RULE_SETTINGS)[number]>; profile?: string };
  if (object.profile !== undefined && !profileNames().includes(object.profile))
    throw new UsageError(locatedLines(text, shown, [{ pointer: "/profile", message: unknownProfileMessage(object.profile) }])[0]!);
  return { file: shown, rules: { ...(object.rules ?? {}) }, ...(object.profile === undefined ? {} : { profile: object.profile }) };
}

/**
 * The configuration in effect: `--config PATH` (relative to `cwd`) if given, else the nearest
 * `sriovc.json` to the directory `near` (default: `cwd`), else the defaults.
 */
export function loadConfig(options: { configPath?: string | undefined; cwd?: string; near?: string; found?: boolean } = {}): SriovcConfig {
  const cwd = options.cwd ?? process.cwd();
  // path.resolve makes '' the working directory: `--config "$CONFIG"` with an empty variable.
  if (options.configPath === "") throw new UsageError("cannot read config '': the path is empty");
  const file = options.configPath === undefined ? findConfigFile(options.near ?? cwd) : path.resolve(cwd, options.configPath);
  if (file === undefined) return DEFAULT_CONFIG;
  const shown = displayPath(file, cwd);
  // A sriovc.json found in the tree is untrusted (docs/SECURITY.md): a regular file, not a link that leads
  // out of its own directory, at most 1 MiB. One named with --config is read wherever it is.
  let roots: string[] | undefined;
  if (options.configPath === undefined || options.found === true) {
    try {
      roots = [realpathSync.native(path.dirname(file))];
    } catch {
      roots = [path.dirname(file)];
    }
  }
  const read = readUntrustedFile(file, { maxBytes: MAX_CONFIG_BYTES, ...(roots === undefined ? {} : { roots }) });
  if (!read.ok) {
    const reason = read.reason.kind === "outside-roots" ? "it is a link to a file outside its directory" : describeUnreadable(read.reason);
    throw new UsageError(`cannot read config '${shown}': ${reason}`);
  }
  return parseConfig(read, shown);
}

/**
 * The configuration of each entry file: the `sriovc.json` nearest to the file's own directory (standard
 * input: the working directory), or `--config PATH` for all. Entries that share a configuration are
 * grouped, in their order, so each group is checked once with its rule settings.
 */
export function configsForEntries(entries: readonly string[], options: { configPath?: string | undefined; cwd?: string; stdinPath: string }): { config: SriovcConfig; entries: string[] }[] {
  const cwd = options.cwd ?? process.cwd();
  if (options.configPath !== undefined) return [{ config: loadConfig({ configPath: options.configPath, cwd }), entries: [...entries] }];
  const groups = new Map<string, { config: SriovcConfig; entries: string[] }>();
  const byDirectory = new Map<string, string>();
  for (const entry of entries) {
    const directory = entry === options.stdinPath ? cwd : path.dirname(entry);
    let file = byDirectory.get(directory);
    if (file === undefined) {
      file = findConfigFile(directory) ?? "";
      byDirectory.set(directory, file);
    }
    let group = groups.get(file);
    if (group === undefined) {
      group = { config: file === "" ? DEFAULT_CONFIG : loadConfig({ configPath: file, cwd, found: true }), entries: [] };
      groups.set(file, group);
    }
    group.entries.push(entry);
  }
  return [...groups.values()];
}
