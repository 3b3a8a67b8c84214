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
import { plural } from "../domain/plural.js";
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
import { countHostRows, HOST_ROW_LISTS } from "../sim/host-rows.js";
import type { Shard } from "./fleet-pool.js";

export const PARTIAL_FORMAT = "sriovc-partial-report";
/**
 * The partial report's format. Bumped whenever what a partial holds or how a run is identified changes
 * (the fields, their meaning, `irDigest`): partials of another version cannot be merged with this sriovc's,
 * and merge says so, instead of finding them "from another run". 2: the digest leaves span files out. 3: what
 * the whole topology holds (`whole`: its groups and interfaces), which merge checks the partials against. 4: each
 * part's rows counted by host (`hostRows`), which merge counts again.
 */
export const PARTIAL_VERSION = 4;
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
  // One part per group, in the groups' order (simulate-run.ts): a part dropped or added would drop or add hosts.
  if (partial.groups.length !== partial.parts.length)
    return at("/groups", `lists ${plural(partial.groups.length, "group")} of hosts, but the partial has ${plural(partial.parts.length, "part")}: one per group`);
  const groupAt = new Map<string, number>();
  for (const [k, key] of partial.groups.entries()) {
    const earlier = groupAt.get(key);
    if (earlier !== undefined) return at(`/groups/${k}`, `group '${key}' is given twice (also at groups[${earlier}])`);
    groupAt.set(key, k);
  }
  for (const [i, part] of partial.parts.entries()) {
    for (const [key, rowsOf] of ORDERS) {
      const rows = rowsOf(part);
      const places = part[key];
      if (places.length !== rows.length) return at(`/parts/${i}/${key}`, `gives ${places.length} places for ${rows.length} interface rows`);
      for (const [j, row] of rows.entries()) {
        const [first, last] = placeRange(row.direction);
        const place = places[j]!;
        if (place < first || place > last) return at(`/parts/${i}/${key}/${j}`, `place ${place} is out of range for a ${row.direction === "tx" ? "transmit" : "receive"} row (${first} to ${last})`);
        if (place - first >= partial.whole.interfaces)
          return at(`/parts/${i}/${key}/${j}`, `place ${place} is of interface ${place - first}, but the topology has ${partial.whole.interfaces} interfaces (whole.interfaces)`);
        // A part lists its rows in the whole report's order (receive rows, then transmit rows, each in the
        // topology's order): places out of that order were swapped, and the merge would swap the rows. (A
        // place equal to the one before is said as given twice: `repeatedPlace`.)
        const before = places[j - 1];
        if (before !== undefined && place < before) return at(`/parts/${i}/${key}/${j}`, `place ${place} comes after place ${before}: a part's rows are in the order of the whole report, so their places increase`);
      }
    }
  }
  return hostRowsProblem(partial);
}

/**
 * Each part holds as many rows of each host as the shard wrote (`hostRows`, src/sim/host-rows.ts). An
 * interface without traffic has no row, so a row lost with its place leaves the places consistent: only
 * the counts tell. Said at the count that differs, naming the host and the list.
 */
function hostRowsProblem(partial: PartialReport): Problem | undefined {
  const again = `simulate shard ${partial.shard.index}/${partial.shard.count} again`;
  for (const [i, part] of partial.parts.entries()) {
    const written = new Map<string, number>();
    for (const [k, { host }] of part.hostRows.entries()) {
      const earlier = written.get(host);
      if (earlier !== undefined) return at(`/parts/${i}/hostRows/${k}/host`, `host '${host}' is given twice (also at parts[${i}].hostRows[${earlier}])`);
      written.set(host, k);
    }
    const counted = countHostRows(part.report, []);
    for (const found of counted) {
      if (written.has(found.host)) continue;
      const list = HOST_ROW_LISTS.find(({ key }) => found[key] > 0)!;
      return at(`/parts/${i}/${list.path}/${list.hosts(part.report).indexOf(found.host)}`, `a row of host '${found.host}', which parts[${i}].hostRows does not count: the partial's rows and their counts disagree; ${again}`);
    }
    const byHost = new Map(counted.map((c) => [c.host, c]));
    for (const [k, rows] of part.hostRows.entries())
      for (const { key, path, noun } of HOST_ROW_LISTS) {
        const held = byHost.get(rows.host)?.[key] ?? 0;
        if (held === rows[key]) continue;
        const where = jsonPath(`/parts/${i}/${path}`);
        const what =
          held < rows[key]
            ? `${plural(rows[key] - held, `${noun} of host '${rows.host}' was`, `${noun}s of host '${rows.host}' were`)} lost, so the report would lack ${rows[key] - held === 1 ? "it" : "them"}`
            : `${plural(held - rows[key], `${noun} of host '${rows.host}' was`, `${noun}s of host '${rows.host}' were`)} added, which its shard did not write`;
        return at(`/parts/${i}/hostRows/${k}/${key}`, `host '${rows.host}' has ${plural(rows[key], noun)}, but ${where} holds ${held}: ${what}; ${again}`);
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

/** A value of one part of one file, for the messages that name where else a thing is. */
interface Seen {
  readonly file: string;
  readonly part: number;
  readonly pointer: string;
}

/** ` in FILE` when the earlier value is in another file than `file`. */
const elsewhere = (earlier: Seen, file: string): string => `${jsonPath(earlier.pointer)}${earlier.file === file ? "" : ` in ${earlier.file}`}`;

/**
 * Every row's interface (its place less its direction's first: src/sim/row-places.ts) is one interface of
 * the topology, with one id, in one group's part: a receive and a transmit row of one interface, or a row
 * and the estimate's row for it, never name two interfaces, nor one interface at two places, nor stand in two
 * parts (each group is simulated once, so an interface in two parts was simulated twice, or mislabelled).
 */
function rowsProblem(partials: readonly { file: string; partial: PartialReport }[]): string | undefined {
  const byIndex = new Map<number, Seen & { readonly id: string }>();
  const byId = new Map<string, Seen & { readonly index: number }>();
  for (const { file, partial } of partials)
    for (const [i, part] of partial.parts.entries())
      for (const [key, rowsOf] of ORDERS)
        for (const [j, row] of rowsOf(part).entries()) {
          const pointer = `/parts/${i}/${key}/${j}`;
          const place = part[key][j]!;
          const index = place - placeRange(row.direction)[0];
          const here = (message: string) => `${partialPlace(file, pointer)}: ${jsonPath(pointer)}: ${message}`;
          const sameIndex = byIndex.get(index);
          if (sameIndex !== undefined && sameIndex.id !== row.id)
            return here(`place ${place} is of interface ${index} of the topology, '${row.id}', but ${elsewhere(sameIndex, file)} says interface ${index} is '${sameIndex.id}'`);
          const sameId = byId.get(row.id);
          if (sameId !== undefined && sameId.index !== index)
            return here(`place ${place} puts '${row.id}' at interface ${index} of the topology, but ${elsewhere(sameId, file)} puts it at interface ${sameId.index}`);
          if (sameIndex !== undefined && (sameIndex.file !== file || sameIndex.part !== i))
            return here(`'${row.id}' is in two groups' parts, here and at ${elsewhere(sameIndex, file)}: each host is simulated in one group only`);
          if (sameIndex === undefined) byIndex.set(index, { file, part: i, pointer, id: row.id });
          if (sameId === undefined) byId.set(row.id, { file, part: i, pointer, index });
        }
  return undefined;
}

/** A host's cores and queues are reported by the part of its group only: a host in two parts was simulated twice. */
function hostsProblem(partials: readonly { file: string; partial: PartialReport }[]): string | undefined {
  const partOf = new Map<string, Seen>();
  for (const { file, partial } of partials)
    for (const [i, part] of partial.parts.entries())
      for (const [list, rows] of [
        ["report/cores", part.report.cores],
        ["report/queues", part.report.queues],
        ["report/analytic/cores", part.report.analytic.cores],
        ["report/analytic/queues", part.report.analytic.queues],
      ] as const)
        for (const [j, row] of rows.entries()) {
          const pointer = `/parts/${i}/${list}/${j}/host`;
          const earlier = partOf.get(row.host);
          if (earlier === undefined) partOf.set(row.host, { file, part: i, pointer });
          else if (earlier.file !== file || earlier.part !== i)
            return `${partialPlace(file, pointer)}: ${jsonPath(pointer)}: host '${row.host}' is in two groups' parts, here and at ${elsewhere(earlier, file)}: each host is simulated in one group only`;
        }
  return undefined;
}

/**
 * What merge needs of how a run is cut (src/sim/fleet.ts), handed in by the merge command, which loads the
 * simulator anyway: this module is loaded by every `simulate` for `--shard`'s parsing, and without it.
 */
export interface Sharding {
  /** The shard (0-based) of the group whose first host is `key`, in a run of `count` shards. */
  readonly shardOf: (key: string, count: number) => number;
}

/** Each group of a partial is one the shard count deals to its shard: a partial whose shard was relabelled holds another shard's groups. */
function groupsProblem(partials: readonly { file: string; partial: PartialReport }[], sharding: Sharding): string | undefined {
  for (const { file, partial } of partials) {
    const { index, count } = partial.shard;
    for (const [k, key] of partial.groups.entries()) {
      const shard = sharding.shardOf(key, count) + 1;
      if (shard !== index)
        return `${partialPlace(file, `/groups/${k}`)}: groups[${k}]: the group of host '${key}' is simulated by shard ${shard}/${count} (by the hash of its first host's name), not by ${index}/${count}, the shard this partial says it is`;
    }
  }
  return undefined;
}

/**
 * The partials against the topology they simulated (`merge --topology`, whose IR has their digest): each
 * partial holds exactly the groups of hosts the topology deals to its shard, and each row's place is that of
 * an interface of the topology with the row's id. Without the topology merge checks the partials against
 * each other and against what they say the topology holds (`whole`): it finds a group missing, but not which
 * partial lost it, and a row placed past the last interface, but not one placed at another interface.
 */
export function topologyProblem(partials: readonly { file: string; partial: PartialReport }[], ir: Ir, topologyFile: string, groupKeys: readonly string[], sharding: Sharding): string | undefined {
  const count = partials[0]?.partial.shard.count ?? 1;
  const byShard = new Map<number, string[]>();
  for (const key of groupKeys) {
    const shard = sharding.shardOf(key, count) + 1;
    const list = byShard.get(shard);
    if (list === undefined) byShard.set(shard, [key]);
    else list.push(key);
  }
  for (const { file, partial } of partials) {
    const { index } = partial.shard;
    const expected = byShard.get(index) ?? [];
    const wanted = new Set(expected);
    const given = new Set(partial.groups);
    for (const [k, key] of partial.groups.entries())
      if (!wanted.has(key)) return `${partialPlace(file, `/groups/${k}`)}: groups[${k}]: '${key}' is not the first host of a group of hosts that ${topologyFile} deals to shard ${index}/${count}`;
    const lacking = expected.find((key) => !given.has(key));
    if (lacking !== undefined) return `${partialPlace(file, "/groups")}: groups: lacks the group of host '${lacking}', which ${topologyFile} deals to shard ${index}/${count}: its hosts are missing from the partial`;
    for (const [i, part] of partial.parts.entries())
      for (const [key, rowsOf] of ORDERS)
        for (const [j, row] of rowsOf(part).entries()) {
          const place = part[key][j]!;
          const interfaceIndex = place - placeRange(row.direction)[0];
          const iface = ir.ifaces[interfaceIndex];
          if (iface?.id === row.id) continue;
          const pointer = `/parts/${i}/${key}/${j}`;
          const what =
            iface === undefined
              ? `interface ${interfaceIndex}, but ${topologyFile} has ${ir.ifaces.length} interfaces`
              : `interface ${interfaceIndex}, which is '${iface.id}' in ${topologyFile}, not the row's '${row.id}'`;
          return `${partialPlace(file, pointer)}: ${jsonPath(pointer)}: place ${place} is of ${what}`;
        }
  }
  return undefined;
}

/**
 * The partials of a complete set (`completeSet`) hold every group of hosts of the topology (`whole.groups`):
 * each group is in one partial (its shard's, by the hash), so a count short of it is a group lost with its
 * part. Which one only the topology can say (`topologyProblem`), so merge asks this after it, when given it.
 */
export function groupCountProblem(partials: readonly { file: string; partial: PartialReport }[]): string | undefined {
  const first = partials[0];
  if (first === undefined) return undefined;
  const held = partials.reduce((sum, { partial }) => sum + partial.groups.length, 0);
  const whole = first.partial.whole.groups;
  if (held === whole) return undefined;
  return `the partial reports hold ${held} of the topology's ${whole} groups of hosts (whole.groups): ${held < whole ? "a partial lost a group with its part" : "a partial holds groups of another run"}, so the report would ${held < whole ? "lack" : "add"} hosts; merge with --topology FILE to name the partial`;
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
 * `firstFile`): the shard count, each setting, the what-ifs, the topology, what it holds, in that order;
 * what it is here and there.
 */
function otherRun(partial: PartialReport, first: PartialReport, firstFile: string): Problem | undefined {
  if (partial.shard.count !== first.shard.count) return { pointer: "/shard/count", message: `${partial.shard.count}, but ${first.shard.count} in ${firstFile}` };
  for (const key of Object.keys(first.simulation) as (keyof PartialReport["simulation"])[])
    if (partial.simulation[key] !== first.simulation[key]) return { pointer: `/simulation/${key}`, message: `${partial.simulation[key]}, but ${first.simulation[key]} in ${firstFile}` };
  if (JSON.stringify(partial.whatIfs) !== JSON.stringify(first.whatIfs))
    return { pointer: "/whatIfs", message: `${JSON.stringify(partial.whatIfs)}, but ${JSON.stringify(first.whatIfs)} in ${firstFile}` };
  // After the settings and what-ifs, which are in the simulated IR, so its digest differs with them too.
  if (partial.topology !== first.topology) return { pointer: "/topology", message: `not the topology simulated in ${firstFile} (the SHA-256 of the simulated IR differs)` };
  // What the topology holds follows from it: different in one topology, one of the two partials was edited.
  for (const key of ["groups", "interfaces"] as const)
    if (partial.whole[key] !== first.whole[key]) return { pointer: `/whole/${key}`, message: `${partial.whole[key]}, but ${first.whole[key]} in ${firstFile}` };
  return undefined;
}

/** Missing shards named in merge's message; the others are counted. */
const MISSING_NAMED = 10;

/**
 * Checks that the partials belong together — one topology, one set of settings, shards 1..N once each,
 * every interface row's place once, each group in its shard, each interface and host in one part — and
 * returns them in shard order.
 */
export function completeSet(partials: readonly { file: string; partial: PartialReport }[], sharding: Sharding): PartialReport[] {
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
  const wrong = repeatedPlace(partials) ?? groupsProblem(partials, sharding) ?? rowsProblem(partials) ?? hostsProblem(partials);
  if (wrong !== undefined) throw new UsageError(wrong);
  return [...partials].map((p) => p.partial).sort((a, b) => a.shard.index - b.shard.index);
}
