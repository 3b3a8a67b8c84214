/**
 * Parts of one IR that are alike up to their names, so that the analysis rules estimate each shape once
 * (src/driver/rule-figures.ts). Real fleets are built from templates: a 100-host file is often a handful
 * of host shapes, each repeated with other names, MACs and descriptions.
 *
 * What "alike" means is decided here and nowhere else. Two parts (src/driver/estimate-parts.ts) have the
 * same shape when every field of every entity, in list order, is equal, except that
 *
 * - a reference (a string under `host`, `nic`, `pf`, `vswitch`, `vm`, `container`, `iface`, `uplinks`)
 *   is compared by the position of the entity it names in its part's list of that kind, not by the name
 *   (a reference to nothing in its part is compared as text);
 * - an entity's own `id` is not compared: it is its position, equal by construction;
 * - `span`, `description` and `mac` are not compared: neither the plan (src/sim/plan.ts) nor the estimate
 *   (src/sim/analytic.ts) reads them;
 *
 * and, because the plan does read one name's content — RSS puts each of a traffic source's flows on a queue
 * by a hash of the source's id (`flowsPerQueue` in src/lower/ir.ts) — the flows per queue of every source
 * into an interface with more than one queue must be equal too.
 *
 * Every other field is compared, including any field the IR gains later, so the comparison cannot miss a
 * difference the plan or the estimate reads. The plan and the estimate use names only as keys of maps and
 * sets (where a renaming that keeps distinct names distinct changes nothing), in the core's `role` (made
 * from the name of the VM or container on it) and in the sorted list of a core's interfaces: figures of two
 * parts of one shape are equal, and `renameFindings` carries those name-bearing fields over to the other
 * part. The simulation settings and the cost profile are not compared: parts of one IR share them.
 * Test: test/driver/part-shapes.property.test.ts.
 */
import { flowsPerQueue, trafficIfaceOf, type Ir } from "../lower/ir.js";
import type { CoreEstimate, LinkEstimate } from "../sim/analytic.js";

/** The lists of a part whose entities references name. */
const KINDS = ["hosts", "nics", "pfs", "vswitches", "vms", "containers", "ifaces", "traffic"] as const;
type Kind = (typeof KINDS)[number];

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

/** Fields the plan and the estimate never read (checked by grep of src/sim/plan.ts, analytic.ts, pass-chain.ts). */
const unread = (key: string): boolean => key === "span" || key === "description" || key === "mac";

/** A part with each entity's position in its list, by name: what comparing and renaming look names up in. */
export interface PartShape {
  readonly part: Ir;
  readonly positions: Readonly<Record<Kind, ReadonlyMap<string, number>>>;
  /** Equal for parts of one shape (not the other way round: a hash). */
  readonly hash: number;
  /** False when a name is used twice in one list (not a valid IR): such a part is never treated as alike. */
  readonly comparable: boolean;
}

const NUMBER = new Float64Array(1);
const NUMBER_WORDS = new Uint32Array(NUMBER.buffer);
const mix = (hash: number, word: number): number => Math.imul(hash ^ word, 0x01000193) >>> 0;

function hashValue(hash: number, value: unknown, key: string, positions: PartShape["positions"]): number {
  switch (typeof value) {
    case "number":
      NUMBER[0] = value;
      return mix(mix(hash, NUMBER_WORDS[0]!), NUMBER_WORDS[1]!);
    case "boolean":
      return mix(hash, value ? 1 : 2);
    case "string": {
      const kind = referenceKind(key);
      const at = kind === undefined ? undefined : positions[kind].get(value);
      if (at !== undefined) return mix(mix(hash, 3), at);
      let h = mix(hash, 4);
      for (let i = 0; i < value.length; i++) h = mix(h, value.charCodeAt(i));
      return h;
    }
    case "object": {
      if (value === null) return mix(hash, 5);
      if (Array.isArray(value)) {
        let h = mix(hash, 6 + value.length);
        for (const item of value) h = hashValue(h, item, key, positions);
        return h;
      }
      let h = mix(hash, 7);
      const record = value as Record<string, unknown>;
      for (const k in record) if (!unread(k)) h = hashValue(h, record[k], k, positions);
      return h;
    }
    default:
      return mix(hash, 8);
  }
}

/** A part's positions and hash (one pass over its entities). */
export function shapeOf(part: Ir): PartShape {
  let comparable = true;
  const positions = {} as Record<Kind, Map<string, number>>;
  for (const kind of KINDS) {
    const list = part[kind];
    const at = new Map<string, number>();
    for (let i = 0; i < list.length; i++) at.set(list[i]!.id, i);
    if (at.size !== list.length) comparable = false;
    positions[kind] = at;
  }
  let hash = 0x811c9dc5;
  for (const kind of KINDS) {
    const list = part[kind];
    hash = mix(hash, list.length);
    for (const entity of list) {
      const record = entity as unknown as Record<string, unknown>;
      for (const k in record) if (k !== "id" && !unread(k)) hash = hashValue(hash, record[k], k, positions);
    }
  }
  return { part, positions, hash, comparable };
}

const own = Object.prototype.hasOwnProperty;

function sameValue(a: unknown, b: unknown, key: string, pa: PartShape["positions"], pb: PartShape["positions"]): boolean {
  if (typeof a !== typeof b) return false;
  if (typeof a === "string") {
    const kind = referenceKind(key);
    if (kind !== undefined) {
      const i = pa[kind].get(a);
      const j = pb[kind].get(b as string);
      if (i !== undefined || j !== undefined) return i === j;
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
  return sameFields(a as Record<string, unknown>, b as Record<string, unknown>, pa, pb, "");
}

/** Every field of `a` and `b` but `skip` and the unread ones equal, and no other field on either side. */
function sameFields(a: Record<string, unknown>, b: Record<string, unknown>, pa: PartShape["positions"], pb: PartShape["positions"], skip: string): boolean {
  let fields = 0;
  for (const k in a) {
    if (k === skip || unread(k)) continue;
    fields++;
    if (!own.call(b, k) || !sameValue(a[k], b[k], k, pa, pb)) return false;
  }
  for (const k in b) if (k !== skip && !unread(k)) fields--;
  return fields === 0;
}

/** Whether two parts of one IR have the same shape (see the top of this file). */
export function sameShape(a: PartShape, b: PartShape): boolean {
  if (a.hash !== b.hash || !a.comparable || !b.comparable) return false;
  for (const kind of KINDS) {
    const la = a.part[kind];
    const lb = b.part[kind];
    if (la.length !== lb.length) return false;
    for (let i = 0; i < la.length; i++) {
      if (!sameFields(la[i] as unknown as Record<string, unknown>, lb[i] as unknown as Record<string, unknown>, a.positions, b.positions, "id")) return false;
    }
  }
  // RSS hashes the source's id: the flows per queue must agree where there is more than one queue.
  const ta = a.part.traffic;
  const tb = b.part.traffic;
  for (let k = 0; k < ta.length; k++) {
    const at = a.positions.ifaces.get(trafficIfaceOf(ta[k]!));
    const queues = at === undefined ? 1 : Math.max(1, a.part.ifaces[at]!.queueCores.length);
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
