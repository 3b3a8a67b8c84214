/**
 * Parts of one topology that are alike up to their names, so that the analysis rules lower, plan and
 * estimate each shape once (src/driver/rule-figures.ts). Real fleets are built from templates: a 100-host
 * file is often a handful of host shapes, each repeated with other names, MACs and descriptions.
 *
 * What "alike" means is decided here and nowhere else, for both kinds of part the rules meet: a part of the
 * IR (src/driver/estimate-parts.ts `splitIr`), and a part of the resolved model before it is lowered
 * (src/driver/model-parts.ts `splitModel`: the one-shot `check` compares these, and lowers only one part
 * of each shape). Two parts have the same shape when every field of every entity, in list order, is equal,
 * except that
 *
 * - a reference (a string under `host`, `nic`, `pf`, `vswitch`, `vm`, `container`, `iface`, `uplinks`, or
 *   in the model an entity object held in another's list: a host's `nics`, a VM's `ifaces`) is compared by
 *   the position of the entity it names in its part's list of that kind, not by the name (a reference to
 *   nothing in its part is compared as text, an entity object outside the part as that very object);
 * - an entity's own `id` is not compared: it is its position, equal by construction;
 * - `span`, `description`, `mac`, a host's `node` and a VM's `domain` are not compared: neither the plan (src/sim/plan.ts) nor the estimate
 *   (src/sim/analytic.ts) reads them; in the model neither are `spans`, `name` and `template`, which
 *   lowering (src/lower/lower.ts) does not read into the IR either (it copies `description` and `mac`
 *   through, and reads a span only for an omitted interface's message, not part of the IR);
 * - in the model, an object that names itself (`id`) but is not an entity of the part — a NIC's catalogue
 *   entry — is compared as that very object (one catalogue per resolution: equal ids, one object);
 *
 * and, because the plan does read one name's content — RSS puts each of a traffic source's flows on a queue
 * by a hash of the source's id (`flowsPerQueue` in src/lower/ir.ts) — the flows per queue of every source
 * into an interface with more than one queue must be equal too.
 *
 * Every other field is compared, including any field the IR or the model gains later, so the comparison
 * cannot miss a difference the plan or the estimate reads. The plan and the estimate use names only as
 * keys of maps and sets (where a renaming that keeps distinct names distinct changes nothing), in the
 * core's `role` (made from the name of the VM or container on it) and in the sorted list of a core's
 * interfaces: figures of two IR parts of one shape are equal, and `renameFindings` carries those
 * name-bearing fields over to the other part. Lowering, in turn, reads names only as keys of maps (the
 * model's lookups, its per-interface tables) and copies them into ids and references: two model parts of
 * one shape lower to IR parts of one shape (entity for entity, in the same order, the same interfaces left
 * out), so the findings of one, renamed by position in the model's lists (the IR keeps the model's ids and
 * order), are the other's. The simulation settings and the cost profile are not compared: parts of one IR
 * (one model) share them. Test: test/driver/part-shapes.property.test.ts.
 */
import { trafficIface } from "../domain/traffic.js";
import { flowsPerQueue } from "../lower/ir.js";
import { compareFunctions } from "./part-shapes-compare.js";
import type { CoreEstimate, LinkEstimate } from "../sim/analytic.js";

/** The lists of a part whose entities references name. */
const KINDS = ["hosts", "nics", "pfs", "vswitches", "vms", "containers", "ifaces", "traffic"] as const;
export type Kind = (typeof KINDS)[number];

/** An entity of a part: of the IR (src/lower/ir.ts) or of the model (src/semantics/model.ts). */
interface Named {
  readonly id: string;
}
interface Placed extends Named {
  readonly host: string;
}
/** An interface: the IR gives its queues' cores, the model its queue count. */
type QueuedIface = Named & ({ readonly queueCores: readonly number[] } | { readonly queues: number });
type TrafficEnd = { readonly kind: "wire" } | { readonly kind: "iface"; readonly iface: string };
interface TrafficSource extends Named {
  readonly from: TrafficEnd;
  readonly to: TrafficEnd;
  readonly flows: number;
}

/** A part as this module reads it: its entities by kind, in order (an IR part and a model part alike). */
export interface PartLists {
  readonly hosts: readonly Named[];
  readonly nics: readonly Named[];
  readonly pfs: readonly Named[];
  readonly vswitches: readonly Placed[];
  readonly vms: readonly Placed[];
  readonly containers: readonly Placed[];
  readonly ifaces: readonly QueuedIface[];
  readonly traffic: readonly TrafficSource[];
}

/** For a key whose string values name an entity, the list of the entity they name. (A switch: called per field.) */
function referenceKind(key: string): Kind | undefined {
  switch (key) {
    case "host":
      return "hosts";
    case "nic":
      return "nics";
    case "pf":
    case "uplinks":
      return "pfs";
    case "vswitch":
      return "vswitches";
    case "vm":
      return "vms";
    case "container":
      return "containers";
    case "iface":
      return "ifaces";
    default:
      return undefined;
  }
}

/** A model entity's `kind` → its list. */
function entityKind(kind: unknown): Kind | undefined {
  switch (kind) {
    case "host":
      return "hosts";
    case "nic":
      return "nics";
    case "pf":
      return "pfs";
    case "vswitch":
      return "vswitches";
    case "vm":
      return "vms";
    case "container":
      return "containers";
    case "iface":
      return "ifaces";
    case "traffic":
      return "traffic";
    default:
      return undefined;
  }
}

/**
 * Fields the plan and the estimate never read (checked by grep of src/sim/plan.ts, analytic.ts,
 * pass-chain.ts), and the model's fields lowering does not read into the IR (src/lower/lower.ts).
 */
const unread = (key: string): boolean =>
  key === "span" || key === "description" || key === "mac" || key === "node" || key === "domain" || key === "spans" || key === "name" || key === "template";

/**
 * How each field of the model's entities is compared (a model part's entities are compared by this table,
 * an IR part's field by field as they come: `sameFields`): `value` — equal values (an object inside,
 * such as an attachment, field by field with its references by position); a kind of list — a reference
 * (an id, a list of ids, an entity or a list of entities) by position in the part's list of that kind;
 * `same` — the very same object (a NIC's catalogue entry). `unread` — not read by lowering into the IR:
 * the ids, names, templates, descriptions, spans and MACs, and a PF's lists of VF and VMDq users (lowering
 * takes an interface's VF or pool from the interface's own attachment, which is compared); if lowering
 * ever reads one of these, it must move to the compared ones. A field not in the table makes the
 * comparison of that kind fall back to every field as it comes (`sameFields`: sound, slower), and
 * test/driver/model-parts.test.ts fails until the field is classified here.
 */
type FieldRule = "value" | "same" | "unread" | Kind;
const V = "value";
const U = "unread";
const ENTITY_FIELDS = { id: U, name: U, description: U, template: U, spans: U, kind: V } as const;
export const MODEL_FIELDS: Readonly<Record<Kind, Readonly<Record<string, FieldRule>>>> = {
  hosts: {
    ...ENTITY_FIELDS,
    cores: V,
    freqHz: V,
    numaNodes: V,
    hypervisor: V,
    hypervisorCores: V,
    iommu: V,
    postedInterrupts: V,
    overcommit: V,
    node: U,
    nics: "nics",
    vswitches: "vswitches",
    vms: "vms",
    containers: "containers",
    bareIfaces: "ifaces",
  },
  nics: { ...ENTITY_FIELDS, host: "hosts", model: "same", numa: V, pfs: "pfs" },
  pfs: {
    ...ENTITY_FIELDS,
    host: "hosts",
    nic: "nics",
    pci: V,
    speedBps: V,
    maxVfs: V,
    vfs: V,
    vmdqPools: V,
    msix: V,
    queues: V,
    itrS: V,
    itrAdaptive: V,
    ring: V,
    mtu: V,
    vfUsers: U,
    vmdqUsers: U,
  },
  vswitches: { ...ENTITY_FIELDS, host: "hosts", type: V, uplinks: "pfs", features: V, offload: V },
  vms: { ...ENTITY_FIELDS, host: "hosts", vcpus: V, pin: V, numa: V, memoryBytes: V, liveMigration: V, hugepages: V, domain: U, ifaces: "ifaces" },
  containers: { ...ENTITY_FIELDS, host: "hosts", pin: V, numa: V, hugepages: V, ifaces: "ifaces" },
  ifaces: {
    ...ENTITY_FIELDS,
    host: "hosts",
    owner: V,
    attachment: V,
    mac: U,
    vlan: V,
    spoofchk: V,
    trust: V,
    requires: V,
    rateLimitBps: V,
    driver: V,
    queues: V,
    mtu: V,
  },
  traffic: { ...ENTITY_FIELDS, from: V, to: V, flows: V, rate: V, window: V, size: V, pattern: V, vlan: V, startS: V, stopS: V },
};

/**
 * Whether the table classifies every field of an entity. Checked on the first entity of each list of a
 * part: the entities of one kind are made by one reader (src/semantics/resolve.ts) with every field of
 * their type (the model's types have no optional fields), and test/driver/model-parts.test.ts checks every
 * entity of the samples and of generated topologies.
 */
export function classified(kind: Kind, entity: object): boolean {
  const rules = MODEL_FIELDS[kind];
  for (const k in entity) if (!Object.hasOwn(rules, k)) return false;
  return true;
}

const NUMBER = new Float64Array(1);
const NUMBER_WORDS = new Uint32Array(NUMBER.buffer);
const mix = (hash: number, word: number): number => Math.imul(hash ^ word, 0x01000193) >>> 0;

/**
 * A string in the hash: its length and three of its characters. (The hash only sorts parts into
 * candidates; the comparison decides. Strings here are kinds, drivers, PCI addresses: short, and apart in
 * their length or their ends.)
 */
function hashText(hash: number, text: string): number {
  const n = text.length;
  const h = mix(mix(hash, 4), n);
  return n === 0 ? h : mix(mix(mix(h, text.charCodeAt(0)), text.charCodeAt(n >> 1)), text.charCodeAt(n - 1));
}

/**
 * Where an object that names itself (`id`) stands in its part's list of its `kind`; -1 when it names itself
 * but is no entity of the part (a catalogue entry, an entity elsewhere), -2 when it does not name itself.
 */
function entityPosition(record: Record<string, unknown>, shape: PartShape): number {
  const id = record["id"];
  if (typeof id !== "string") return -2;
  const kind = entityKind(record["kind"]);
  return kind === undefined ? -1 : (shape.positions[kind].get(id) ?? -1);
}

function hashValue(hash: number, value: unknown, key: string): number {
  switch (typeof value) {
    case "number":
      NUMBER[0] = value;
      return mix(mix(hash, NUMBER_WORDS[0]!), NUMBER_WORDS[1]!);
    case "boolean":
      return mix(hash, value ? 1 : 2);
    case "string":
      return referenceKind(key) === undefined ? hashText(hash, value) : mix(hash, 3);
    case "object": {
      if (value === null) return mix(hash, 5);
      if (Array.isArray(value)) {
        let h = mix(hash, 6 + value.length);
        for (const item of value) h = hashValue(h, item, key);
        return h;
      }
      const record = value as Record<string, unknown>;
      // A reference to an entity, or an object that names itself (a catalogue entry): by its id alone.
      const id = record["id"];
      if (typeof id === "string") return entityKind(record["kind"]) === undefined ? hashText(mix(hash, 10), id) : mix(hash, 9);
      let h = mix(hash, 7);
      for (const k in record) if (!unread(k)) h = hashValue(h, record[k], k);
      return h;
    }
    default:
      return mix(hash, 8);
  }
}

/**
 * A part with each entity's position in its list, by name: what comparing and renaming look names up in;
 * and a hash of its shape, made when first asked for (a part compared first with the one estimated before
 * it, and found alike, is never hashed).
 */
export class PartShape<P extends PartLists = PartLists> {
  /** Bit n set: the part's list KINDS[n] is compared by the model's table (`MODEL_FIELDS`). */
  readonly byTable: number;
  #positions: Record<Kind, ReadonlyMap<string, number>> | undefined;
  #comparable: boolean | undefined;
  #hash: number | undefined;

  /**
   * `model`: a part of the resolved model (src/driver/model-parts.ts), else of the IR. `uniqueIds`: the
   * caller knows that no list of the part uses a name twice (the model's lookups hold every entity).
   */
  constructor(
    readonly part: P,
    model = false,
    uniqueIds = false,
  ) {
    if (uniqueIds) this.#comparable = true;
    let byTable = 0;
    if (model) {
      for (let n = 0; n < KINDS.length; n++) {
        const first = part[KINDS[n]!][0];
        if (first === undefined || classified(KINDS[n]!, first)) byTable |= 1 << n;
      }
    }
    this.byTable = byTable;
  }

  /**
   * Each entity's position in its list, by name, made when first asked for: a part compared with the one
   * estimated before it is looked up by position in its lists, never by name.
   */
  get positions(): Readonly<Record<Kind, ReadonlyMap<string, number>>> {
    if (this.#positions === undefined) {
      let comparable = true;
      const positions = {} as Record<Kind, Map<string, number>>;
      for (const kind of KINDS) {
        const list = this.part[kind];
        const at = new Map<string, number>();
        for (let i = 0; i < list.length; i++) at.set(list[i]!.id, i);
        if (at.size !== list.length) comparable = false;
        positions[kind] = at;
      }
      this.#positions = positions;
      this.#comparable ??= comparable;
    }
    return this.#positions;
  }

  /** False when a name is used twice in one list (not a valid IR): such a part is never treated as alike. */
  get comparable(): boolean {
    if (this.#comparable === undefined) void this.positions;
    return this.#comparable!;
  }

  /** Equal for parts of one shape (not the other way round: a hash). */
  get hash(): number {
    return (this.#hash ??= hashPart(this.part, this.byTable));
  }

  /** Whether the hash has been made (two made hashes that differ tell the parts apart without a comparison). */
  get hashed(): boolean {
    return this.#hash !== undefined;
  }
}

function hashPart(part: PartLists, byTable: number): number {
  let hash = 0x811c9dc5;
  for (let n = 0; n < KINDS.length; n++) {
    const kind = KINDS[n]!;
    const list = part[kind];
    hash = mix(hash, list.length);
    if ((byTable & (1 << n)) !== 0) {
      const hashEntity = compiled(kind).hash;
      for (const entity of list) hash = hashEntity(hash, entity as unknown as Record<string, unknown>);
      continue;
    }
    for (const entity of list) {
      const record = entity as unknown as Record<string, unknown>;
      for (const k in record) if (k !== "id" && !unread(k)) hash = hashValue(hash, record[k], k);
    }
  }
  return hash;
}

/** The id a reference holds: a name, or an entity (with its `id`). */
const referenced = (value: unknown): unknown => (typeof value === "object" && value !== null ? (value as { id?: unknown }).id : value);

/** A reference in the hash: only that it is one (and a list's length), so that the hash looks up no name. */
function hashReference(hash: number, value: unknown): number {
  return Array.isArray(value) ? mix(hash, 13 + value.length) : mix(hash, value === null ? 5 : 3);
}

/**
 * Two references equal by position: `a` names the entity at some position of part A's list, and `b` the
 * entity at the same position of B's; or neither names an entity of its part, and they are equal (the same
 * id, the same object).
 */
function sameReference(a: unknown, b: unknown, kind: Kind, pa: PartShape, pb: PartShape): boolean {
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    if (a.length === 0) return true;
    // Entities held in the order of the part's list (a host's VMs, a NIC's PFs): one lookup for the run,
    // then each is the very entity at the next position of A's list, and B's at the same one of B's.
    const first: unknown = a[0];
    const at = typeof first === "object" && first !== null ? pa.positions[kind].get((first as Named).id) : undefined;
    if (at !== undefined) {
      const la = pa.part[kind];
      const lb = pb.part[kind];
      let k = 0;
      while (k < a.length && a[k] === la[at + k] && b[k] === lb[at + k]) k++;
      if (k === a.length) return true;
    }
    for (let i = 0; i < a.length; i++) if (!sameReference(a[i], b[i], kind, pa, pb)) return false;
    return true;
  }
  if (Array.isArray(b) || typeof a !== typeof b) return false;
  const ia = referenced(a);
  const ib = referenced(b);
  const i = typeof ia === "string" ? pa.positions[kind].get(ia) : undefined;
  if (i !== undefined) return ib === pb.part[kind][i]!.id;
  return a === b && (typeof ib !== "string" || !pb.positions[kind].has(ib));
}

/** Two model entities of one kind equal by the table (see `MODEL_FIELDS`). */
function sameByTable(kind: Kind, a: Record<string, unknown>, b: Record<string, unknown>, pa: PartShape, pb: PartShape): boolean {
  return compiled(kind).same(a, b, pa, pb);
}

/**
 * The table's comparison and hash of one kind of entity as functions of their own, that read each field
 * by its name: the entities of one kind share one object shape, so each read is a fast one (a loop over
 * the table read them by a computed key, the slow way, and was most of a check's comparing time). They do
 * what the loop did, field by field in the table's order. Written ahead from the table
 * (src/driver/part-shapes-compare.ts, by scripts/part-shapes-compare.mjs; a test checks that the two
 * agree) rather than made at run time with `new Function`, which fails where code generation from
 * strings is disallowed (`--disallow-code-generation-from-strings`).
 */
export interface CompiledKind {
  readonly same: (a: Record<string, unknown>, b: Record<string, unknown>, pa: PartShape, pb: PartShape) => boolean;
  readonly hash: (hash: number, entity: Record<string, unknown>) => number;
}
let COMPILED: Readonly<Record<Kind, CompiledKind>> | undefined;

function compiled(kind: Kind): CompiledKind {
  COMPILED ??= compareFunctions({ sameHeld, sameReference, hashValue, hashReference, mix });
  return COMPILED[kind];
}

/** A part's positions and hash. */
export function shapeOf<P extends PartLists>(part: P, model = false): PartShape<P> {
  const shape = new PartShape(part, model);
  void shape.positions;
  void shape.hash;
  return shape;
}

/** The lengths of a part's lists, mixed: parts of one shape have equal ones (a cheap first sort). */
export function listLengths(part: PartLists): number {
  let h = 0x811c9dc5;
  for (const kind of KINDS) h = mix(h, part[kind].length);
  return h;
}

const own = Object.prototype.hasOwnProperty;

/**
 * `sameValue` for a value held in an entity's field: the same answer, with the common case — a small
 * object of primitives and references (an attachment, an owner, a pin, a rate) — compared in one loop.
 */
function sameHeld(a: unknown, b: unknown, key: string, pa: PartShape, pb: PartShape): boolean {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null || Array.isArray(a) || Array.isArray(b)) return sameValue(a, b, key, pa, pb);
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  if (typeof ra["id"] === "string" || typeof rb["id"] === "string") return sameValue(a, b, key, pa, pb);
  let fields = 0;
  for (const k in ra) {
    if (unread(k)) continue;
    fields++;
    const x = ra[k];
    const y = rb[k];
    if (y === undefined && !own.call(rb, k)) return false;
    if (typeof x === "object" || (typeof x === "string" && referenceKind(k) !== undefined)) {
      if (!sameValue(x, y, k, pa, pb)) return false;
    } else if (!Object.is(x, y)) return false;
  }
  for (const k in rb) if (!unread(k)) fields--;
  return fields === 0;
}

/**
 * Two values equal, references by position. (A name `a` at position i of A's list is equal to `b` when B's
 * entity at position i is named `b`: names in a comparable part are distinct, so that is `b`'s position.
 * A name at no position in A is equal to the same name at none in B.)
 */
function sameValue(a: unknown, b: unknown, key: string, pa: PartShape, pb: PartShape): boolean {
  if (typeof a !== typeof b) return false;
  if (typeof a === "string") {
    const kind = referenceKind(key);
    if (kind !== undefined) {
      const i = pa.positions[kind].get(a);
      if (i !== undefined) return pb.part[kind][i]!.id === b;
      return a === b && !pb.positions[kind].has(b as string);
    }
    return a === b;
  }
  if (typeof a !== "object" || a === null || b === null) return Object.is(a, b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i], key, pa, pb)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const i = entityPosition(ra, pa);
  if (i >= 0) {
    const kind = entityKind(ra["kind"])!;
    return rb["kind"] === ra["kind"] && rb["id"] === pb.part[kind][i]!.id;
  }
  if (i === -1) return ra === rb && entityPosition(rb, pb) === -1;
  if (typeof rb["id"] === "string") return false;
  return sameFields(ra, rb, pa, pb, "");
}

/** Every field of `a` and `b` but `skip` and the unread ones equal, and no other field on either side. */
function sameFields(a: Record<string, unknown>, b: Record<string, unknown>, pa: PartShape, pb: PartShape, skip: string): boolean {
  let fields = 0;
  for (const k in a) {
    if (k === skip || unread(k)) continue;
    fields++;
    if (!own.call(b, k) || !sameValue(a[k], b[k], k, pa, pb)) return false;
  }
  for (const k in b) if (k !== skip && !unread(k)) fields--;
  return fields === 0;
}

/** An interface's queue count (its RSS spread). */
function queueCount(iface: QueuedIface): number {
  return Math.max(1, "queueCores" in iface ? iface.queueCores.length : iface.queues);
}

/** Whether two parts of one IR, or of one model, have the same shape (see the top of this file). */
export function sameShape(a: PartShape, b: PartShape): boolean {
  if (!a.comparable || !b.comparable || (a.hashed && b.hashed && a.hash !== b.hash)) return false;
  for (let n = 0; n < KINDS.length; n++) {
    const kind = KINDS[n]!;
    const la = a.part[kind];
    const lb = b.part[kind];
    if (la.length !== lb.length) return false;
    if ((a.byTable & b.byTable & (1 << n)) !== 0) {
      for (let i = 0; i < la.length; i++) {
        if (!sameByTable(kind, la[i] as unknown as Record<string, unknown>, lb[i] as unknown as Record<string, unknown>, a, b)) return false;
      }
      continue;
    }
    for (let i = 0; i < la.length; i++) {
      if (!sameFields(la[i] as unknown as Record<string, unknown>, lb[i] as unknown as Record<string, unknown>, a, b, "id")) return false;
    }
  }
  // RSS hashes the source's id: the flows per queue must agree where there is more than one queue.
  const ta = a.part.traffic;
  const tb = b.part.traffic;
  for (let k = 0; k < ta.length; k++) {
    // (The IR's rule for the interface a source exercises; a model part's traffic has the same ends.)
    const at = a.positions.ifaces.get(trafficIface(ta[k]!));
    const queues = at === undefined ? 1 : queueCount(a.part.ifaces[at]!);
    if (queues <= 1) continue;
    const flows = Math.max(1, ta[k]!.flows);
    const fa = flowsPerQueue(ta[k]!.id, flows, queues);
    const fb = flowsPerQueue(tb[k]!.id, flows, queues);
    for (let q = 0; q < queues; q++) if (fa[q] !== fb[q]) return false;
  }
  return true;
}

/** The findings of part `from` as findings of `to`, a part of the same shape; undefined when a name cannot be carried over. */
export function renameFindings(
  from: PartShape,
  to: PartShape,
  findings: { readonly cores: readonly CoreEstimate[]; readonly links: readonly LinkEstimate[] },
): { cores: CoreEstimate[]; links: LinkEstimate[] } | undefined {
  let lost = false;
  const rename = (kind: Kind, name: string): string => {
    const at = from.positions[kind].get(name);
    if (at === undefined) {
      lost = true;
      return name;
    }
    return to.part[kind][at]!.id;
  };
  // The plan names a core's role after the VM or container on it, its id without the host's (src/sim/plan.ts).
  const renameRole = (role: string, host: string, newHost: string): string => {
    for (const [prefix, kind] of [
      ["vm:", "vms"],
      ["container:", "containers"],
    ] as const) {
      if (!role.startsWith(prefix)) continue;
      const local = role.slice(prefix.length);
      const list = from.part[kind];
      let found = -1;
      for (let i = 0; i < list.length; i++) {
        const entity = list[i]!;
        if (entity.host !== host || entity.id.slice(host.length + 1) !== local) continue;
        if (found >= 0) lost = true; // two of them: which one is meant cannot be told
        found = i;
      }
      if (found < 0) {
        lost = true;
        return role;
      }
      return `${prefix}${to.part[kind][found]!.id.slice(newHost.length + 1)}`;
    }
    return role;
  };
  const cores = findings.cores.map((core): CoreEstimate => {
    const host = rename("hosts", core.host);
    return { ...core, host, role: renameRole(core.role, core.host, host), ifaces: core.ifaces.map((id) => rename("ifaces", id)).sort() };
  });
  const links = findings.links.map(
    (link): LinkEstimate => ({ ...link, pf: rename(link.kind === "host" ? "vswitches" : "pfs", link.pf), traffic: link.traffic.map((id) => rename("traffic", id)) }),
  );
  return lost ? undefined : { cores, links };
}
