/**
 * The partial report that `sriovc simulate --shard I/N` writes and `sriovc merge` reads (docs/SCALE.md):
 * the results of the shard's groups of hosts, where their interfaces sit in the whole topology, and what
 * identifies the run (a SHA-256 of the simulated IR, the settings, the what-ifs), so that partials of
 * different topologies or settings are never merged. JSON; its shape is checked on reading, and a bad
 * file is a located error (`file:line:column: json.path: what is wrong`), never a stack trace.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ValidateFunction } from "ajv/dist/2020.js";
import type { Ir } from "../lower/ir.js";
import type { PartialReport, PartResult } from "../sim/report-shape.js";
export type { PartialReport } from "../sim/report-shape.js";
import { schemaErrors } from "../lower/validate.js";
import { newAjv2020 } from "../semantics/ajv-on-demand.js";
import { precompiledValidator } from "../semantics/precompiled-validator.js";
import { describeUnreadable, readUntrustedFile } from "../semantics/untrusted-file.js";
import { UsageError } from "./errors.js";
import { jsonPointerPlaces, parseJsonFile } from "./json-input.js";
import { placeRange } from "../sim/row-places.js";
import type { Shard } from "./fleet-pool.js";

export const PARTIAL_FORMAT = "sriovc-partial-report";
/**
 * The partial report's format. Bumped whenever what a partial holds or how a run is identified changes
 * (the fields, their meaning, `irDigest`): partials of another version cannot be merged with this sriovc's,
 * and merge says so, instead of finding them "from another run". 2: the digest leaves span files out.
 */
export const PARTIAL_VERSION = 2;
/** The most shards a run may be cut into: more machines than any fleet has, and a bound on what merge lists. */
export const MAX_SHARDS = 1_000_000;

/**
 * What identifies the simulated topology. A span's `file` is left out: it is the file's path as the working
 * directory shows it (`fleet.sriov`, `../fleet.sriov`), so shards run from different directories, or merged
 * from another, would otherwise be told apart though they simulate the same topology. Nothing simulated
 * reads it.
 */
export function irDigest(ir: Ir): string {
  return createHash("sha256")
    .update(JSON.stringify(ir, (key, value: unknown) => (key === "file" ? undefined : value)))
    .digest("hex");
}

/** `I/N` with 1 ≤ I ≤ N → the 0-based shard. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!(count >= 1 && index >= 1 && index <= count && count <= MAX_SHARDS))
    throw new UsageError(`--shard expects I/N with 1 ≤ I ≤ N ≤ ${MAX_SHARDS} (e.g. 2/8 for the second of eight shards), got '${text}'`);
  return { index: index - 1, count };
}

export function partialReport(fields: Omit<PartialReport, "format" | "formatVersion">): string {
  const partial: PartialReport = { format: PARTIAL_FORMAT, formatVersion: PARTIAL_VERSION, ...fields };
  return `${JSON.stringify(partial)}\n`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

export const PARTIAL_SCHEMA_PATH = fileURLToPath(new URL("../../schema/partial-report.schema.json", import.meta.url));
const IR_SCHEMA = fileURLToPath(new URL("../../schema/ir.schema.json", import.meta.url));
const REPORT_SCHEMA = fileURLToPath(new URL("../../schema/report.schema.json", import.meta.url));

let compiled: ValidateFunction | undefined;

/** The build's precompiled validator (scripts/build-validators.mjs), else the schema compiled here (tests run from src). */
function schemaValidator(): ValidateFunction {
  // The parts are in the report's shapes; the run's settings take their ranges from the IR schema.
  compiled ??=
    precompiledValidator("partial-report") ??
    newAjv2020({ allErrors: true, strict: true })
      .addSchema(JSON.parse(readFileSync(IR_SCHEMA, "utf8")) as object)
      .addSchema(JSON.parse(readFileSync(REPORT_SCHEMA, "utf8")) as object)
      .compile(JSON.parse(readFileSync(PARTIAL_SCHEMA_PATH, "utf8")) as object);
  return compiled;
}

/** A JSON pointer (`/parts/0/report`) as the path a reader of the file follows (`parts[0].report`). */
function jsonPath(pointer: string): string {
  const steps = pointer.split("/").slice(1).map((step) => step.replace(/~1/g, "/").replace(/~0/g, "~"));
  return steps.map((step, i) => (/^\d+$/.test(step) ? `[${step}]` : `${i === 0 ? "" : "."}${step}`)).join("");
}

/**
 * What is wrong with a partial report, and the JSON pointer of the value it is about (for its line and
 * column: `partialPlace`): a missing field is said at the object that lacks it, as the schema's errors are,
 * so what is about the whole file is at its top-level value (`""`).
 */
interface Problem {
  readonly pointer: string;
  readonly message: string;
}

/** A problem with the value at `pointer`, its message led by that value's path. */
const at = (pointer: string, message: string): Problem => ({ pointer, message: `${pointer === "" ? "" : `${jsonPath(pointer)}: `}${message}` });

/**
 * A partial report of another format version: written by an older or a newer sriovc, whose partials this
 * one cannot merge. What to do is the same either way: simulate that shard again with the sriovc that merges.
 */
function otherVersion(json: Record<string, unknown>): string {
  const version = json["formatVersion"];
  const shard = json["shard"];
  const known = isObject(shard) && isCount(shard["index"]) && isCount(shard["count"]);
  const which = known ? `shard ${shard["index"]}/${shard["count"]}` : "its shard";
  const how = known ? ` (\`sriovc simulate TOPOLOGY --shard ${shard["index"]}/${shard["count"]}\`)` : "";
  const by = typeof version !== "number" ? "by another sriovc" : version < PARTIAL_VERSION ? "by an older sriovc" : "by a newer sriovc";
  return `written ${by} (partial report format ${JSON.stringify(version) ?? "missing"}; this sriovc reads format ${PARTIAL_VERSION}), so it cannot be merged: run ${which} again with this sriovc${how}, and every other shard that sriovc ran`;
}

/**
 * What is wrong with a parsed partial report, or undefined. The envelope first, so that another file or
 * another version is named as such; then the shape and ranges (schema/partial-report.schema.json, with the parts' reports in the shapes of
 * schema/report.schema.json).
 */
function problem(json: unknown): Problem | undefined {
  if (!isObject(json) || json["format"] !== PARTIAL_FORMAT)
    return { pointer: isObject(json) && "format" in json ? "/format" : "", message: `not a partial report of 'sriovc simulate --shard' (no "format": "${PARTIAL_FORMAT}")` };
  if (json["formatVersion"] !== PARTIAL_VERSION) return { pointer: "formatVersion" in json ? "/formatVersion" : "", message: otherVersion(json) };
  const shard = json["shard"];
  if (!isObject(shard) || !isCount(shard["count"]) || !isCount(shard["index"]) || shard["index"] < 1 || shard["index"] > shard["count"] || shard["count"] > MAX_SHARDS)
    return { pointer: "shard" in json ? "/shard" : "", message: `"shard" must be {"index": I, "count": N} with 1 ≤ I ≤ N ≤ ${MAX_SHARDS}` };
  const validate = schemaValidator();
  if (!validate(json)) {
    const [first] = schemaErrors(validate.errors ?? []);
    return first === undefined ? { pointer: "", message: "does not match the partial report's schema" } : at(first.pointer, first.message);
  }
  return placesProblem(json as unknown as PartialReport);
}

/** A part's list of interface rows and the list of their places (src/sim/row-places.ts). */
const ORDERS = [
  ["interfaceOrder", (part: PartResult) => part.report.interfaces],
  ["analyticOrder", (part: PartResult) => part.report.analytic.interfaces],
] as const;

/**
 * What the schema cannot say: the warm-up is shorter than the run (as in the IR), and each part gives one
 * place per interface row, in the range of the row's direction. (Places repeated across the files are
 * found once all are read: `completeSet`.)
 */
function placesProblem(partial: PartialReport): Problem | undefined {
  if (partial.simulation.warmupNs >= partial.simulation.durationNs) return at("/simulation/warmupNs", "the warm-up must be shorter than the duration");
  for (const [i, part] of partial.parts.entries()) {
    for (const [key, rowsOf] of ORDERS) {
      const rows = rowsOf(part);
      const places = part[key];
      if (places.length !== rows.length) return at(`/parts/${i}/${key}`, `gives ${places.length} places for ${rows.length} interface rows`);
      for (const [j, row] of rows.entries()) {
        const [first, last] = placeRange(row.direction);
        const place = places[j]!;
        if (place < first || place > last) return at(`/parts/${i}/${key}/${j}`, `place ${place} is out of range for a ${row.direction === "tx" ? "transmit" : "receive"} row (${first} to ${last})`);
      }
    }
  }
  return undefined;
}

/** Two rows given one place would come out of the merge silently reordered. */
function repeatedPlace(partials: readonly { file: string; partial: PartialReport }[]): string | undefined {
  for (const [key] of ORDERS) {
    const seen = new Map<number, { file: string; pointer: string }>();
    for (const { file, partial } of partials)
      for (const [i, part] of partial.parts.entries())
        for (const [j, place] of part[key].entries()) {
          const pointer = `/parts/${i}/${key}/${j}`;
          const earlier = seen.get(place);
          if (earlier !== undefined)
            return `${partialPlace(file, pointer)}: ${jsonPath(pointer)}: place ${place} is given twice (also at ${jsonPath(earlier.pointer)}${earlier.file === file ? "" : ` in ${earlier.file}`})`;
          seen.set(place, { file, pointer });
        }
  }
  return undefined;
}

export function readPartialReport(file: string): PartialReport {
  // Like every input (docs/SECURITY.md): regular files only, size-limited, no excerpt in JSON errors.
  const read = readUntrustedFile(file);
  if (!read.ok) throw new UsageError(`cannot read '${file}': ${describeUnreadable(read.reason)}`);
  const parsed = parseJsonFile(read, file);
  if (!parsed.ok) throw new UsageError(parsed.message);
  const json = parsed.value;
  const wrong = problem(json);
  if (wrong !== undefined) throw new UsageError(`${partialPlace(file, wrong.pointer, read.text)}: ${wrong.message}`);
  return json as PartialReport;
}

/**
 * `FILE:LINE:COLUMN` of the value at `pointer` in a partial report, as every located error reads; `FILE`
 * when it cannot be found. Sought only for an error: the reports are parsed with JSON.parse, which keeps no
 * positions. `text` is the file as read; without it (a problem found across files) the file is read again.
 */
function partialPlace(file: string, pointer: string, text?: string): string {
  let json = text;
  if (json === undefined) {
    const read = readUntrustedFile(file);
    json = read.ok ? read.text : undefined;
  }
  return json === undefined ? file : (jsonPointerPlaces(json, file, [pointer]).get(pointer) ?? file);
}

/**
 * The first of what identifies a run (docs/SCALE.md) in which `partial` differs from `first` (read from
 * `firstFile`): the shard count, each setting, the what-ifs, the topology, in that order; what it is here
 * and there.
 */
function otherRun(partial: PartialReport, first: PartialReport, firstFile: string): Problem | undefined {
  if (partial.shard.count !== first.shard.count) return { pointer: "/shard/count", message: `${partial.shard.count}, but ${first.shard.count} in ${firstFile}` };
  for (const key of Object.keys(first.simulation) as (keyof PartialReport["simulation"])[])
    if (partial.simulation[key] !== first.simulation[key]) return { pointer: `/simulation/${key}`, message: `${partial.simulation[key]}, but ${first.simulation[key]} in ${firstFile}` };
  if (JSON.stringify(partial.whatIfs) !== JSON.stringify(first.whatIfs))
    return { pointer: "/whatIfs", message: `${JSON.stringify(partial.whatIfs)}, but ${JSON.stringify(first.whatIfs)} in ${firstFile}` };
  // Last: the settings and what-ifs are in the simulated IR, so its digest differs with them too.
  if (partial.topology !== first.topology) return { pointer: "/topology", message: `not the topology simulated in ${firstFile} (the SHA-256 of the simulated IR differs)` };
  return undefined;
}

/** Missing shards named in merge's message; the others are counted. */
const MISSING_NAMED = 10;

/**
 * Checks that the partials belong together — one topology, one set of settings, shards 1..N once each,
 * every interface row's place once — and returns them in shard order.
 */
export function completeSet(partials: readonly { file: string; partial: PartialReport }[]): PartialReport[] {
  const first = partials[0];
  if (first === undefined) throw new UsageError("merge needs the partial reports of every shard");
  const count = first.partial.shard.count;
  for (const { file, partial } of partials) {
    const other = otherRun(partial, first.partial, first.file);
    if (other !== undefined) throw new UsageError(`${partialPlace(file, other.pointer)}: ${jsonPath(other.pointer)}: ${other.message}: from another run; partial reports merge only with those of the same run`);
  }
  const byShard = new Map<number, string>();
  for (const { file, partial } of partials) {
    const earlier = byShard.get(partial.shard.index);
    if (earlier !== undefined) throw new UsageError(`${partialPlace(file, "/shard/index")}: shard.index: shard ${partial.shard.index}/${count} given twice: ${earlier} and ${file}`);
    byShard.set(partial.shard.index, file);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byShard.has(i));
  if (missing.length === 1) throw new UsageError(`missing the partial report of shard ${missing[0]}/${count}`);
  if (missing.length > 1) {
    // A glob that matched a few files of a thousand-shard run must not print a thousand names on one line.
    const named = missing.slice(0, MISSING_NAMED).map((i) => `${i}/${count}`);
    const rest = missing.length - named.length;
    throw new UsageError(`missing the partial reports of shards ${named.join(", ")}${rest > 0 ? ` and ${rest} more` : ""}`);
  }
  const repeated = repeatedPlace(partials);
  if (repeated !== undefined) throw new UsageError(repeated);
  return [...partials].map((p) => p.partial).sort((a, b) => a.shard.index - b.shard.index);
}
