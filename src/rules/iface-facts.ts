/**
 * What the rules filter interfaces on, read from the model once per check and kept in typed arrays, one
 * element per interface (`model.ifaces` order): the attachment's kind, the owner's kind and a few flags,
 * the position of the attached PF (or vSwitch), of the owner and of the host in the model's lists, and
 * the VF index.
 *
 * Why: about twenty rules walk every interface to pick out the few they look at, each following
 * `iface.attachment` and `iface.owner` to objects of their own. In a million-line topology (~80k
 * interfaces) those objects do not stay in the caches from one rule to the next, so each walk cost 15–55×
 * what it cost at 100k lines (docs/PERFORMANCE.md, "The rules' shared facts (session 9)"). One
 * walk here reads them once; a rule then scans a few small arrays and touches an interface's objects only
 * when it has something to check or report. Same answers as reading the model.
 */
import { nearLast, type Container, type Host, type Iface, type Model, type Pf, type Vm, type Vswitch } from "../semantics/model.js";

/** The attachment's kind, in the low bits of `IfaceFacts.flags` (`flags & KIND`). */
export const PF = 1;
export const VF = 2;
export const VDPA = 3;
export const VMDQ = 4;
export const VSWITCH = 5;
export const KIND = 7;

/** The owner's kind (`flags & OWNER`); a host's own interface has neither bit. */
export const OWNER_VM = 1 << 3;
export const OWNER_CONTAINER = 1 << 4;
export const OWNER = OWNER_VM | OWNER_CONTAINER;

/** `spoofchk = false`. */
export const SPOOFCHK_OFF = 1 << 5;
/** `trust = true`. */
export const TRUSTED = 1 << 6;
/** `driver = dpdk`. */
export const DPDK = 1 << 7;
/** A MAC written in source (not `auto`). */
export const MAC_WRITTEN = 1 << 8;
/** More than one queue. */
export const MULTI_QUEUE = 1 << 9;
/** A VF or vDPA attachment whose slot was written (`vf(pf, 3)`). */
export const SLOT_EXPLICIT = 1 << 10;
/** A VF or vDPA attachment left without a VF (`slot.kind === "exhausted"`). */
export const SLOT_EXHAUSTED = 1 << 11;
/** `requires` lists at least one feature. */
export const REQUIRES = 1 << 12;

export interface IfaceFacts {
  /** Per interface: its attachment kind (`KIND` bits), owner kind and flags. */
  readonly flags: Uint16Array;
  /** Per interface: the position in `model.pfs` of its PF (`pf`, `vf`, `vdpa`, `vmdq`), in `model.vswitches` of its vSwitch; never -1. */
  readonly target: Int32Array;
  /** Per interface: its VF index (`vf`, `vdpa` with a slot), else -1. */
  readonly slot: Int32Array;
  /** Per interface: the position of its VM in `model.vms` or of its container in `model.containers`; -1 for a host's own. */
  readonly owner: Int32Array;
  /** Per interface: the position of its host in `model.hosts`. */
  readonly host: Int32Array;
  /** Per interface: its MTU (`iface.mtu`). */
  readonly mtu: Float64Array;
  /** Per interface: its port VLAN (`iface.vlan`, 0–4094), -1 for none (`null`). */
  readonly vlan: Int32Array;
}

/**
 * Per VM or container ("guest"): `model.vms` then `model.containers`, so guest `g` is `model.vms[g]` below
 * `model.vms.length` and `model.containers[g - model.vms.length]` from there on.
 */
export interface GuestFacts {
  /** The position of its host in `model.hosts`. */
  readonly host: Int32Array;
  /** 1 when its pin was written (`pin.kind === "explicit"`). */
  readonly explicitPin: Uint8Array;
  /** Its `vcpus` (0 for a container). */
  readonly vcpus: Float64Array;
  /** Its `numa`. */
  readonly numa: Float64Array;
  /** Its pinned cores are `cores[coreStart[g]]` up to, not including, `cores[coreStart[g + 1]]` (`pin.cores`, in order). */
  readonly coreStart: Int32Array;
  readonly cores: readonly number[];
}

/** Per traffic block (`model.traffic` order): the positions in `model.ifaces` of the interfaces it names. */
export interface TrafficFacts {
  /** The interface it exercises (`trafficIface`): its target, or for transmit its sender. */
  readonly iface: Int32Array;
  /** Its `from` interface, -1 for the wire. */
  readonly from: Int32Array;
  /** Its `to` interface, -1 for the wire. */
  readonly to: Int32Array;
}

/** Guest `g` of `GuestFacts`: `model.vms[g]`, or past the VMs `model.containers[g - model.vms.length]`. */
export function guestAt(model: Model, g: number): Vm | Container {
  const vms = model.vms;
  return g < vms.length ? vms[g]! : model.containers[g - vms.length]!;
}

/** `flags` of a VF or vDPA attachment (an attachment that takes a VF: `takesVf`). */
export function takesVfKind(flags: number): boolean {
  const kind = flags & KIND;
  return kind === VF || kind === VDPA;
}

const cache = new WeakMap<Model, IfaceFacts>();
const trafficCache = new WeakMap<Model, TrafficFacts>();
const guestCache = new WeakMap<Model, GuestFacts>();

/**
 * The hosts, pins, vCPUs and NUMA nodes of the VMs and containers: computed on the first call for a model,
 * then shared by the rules on pinning and placement (each walked every VM and its pin itself).
 */
export function guestFacts(model: Model): GuestFacts {
  let facts = guestCache.get(model);
  if (facts === undefined) {
    const vms = model.vms;
    const containers = model.containers;
    const n = vms.length + containers.length;
    const host = new Int32Array(n);
    const explicitPin = new Uint8Array(n);
    const vcpus = new Float64Array(n);
    const numa = new Float64Array(n);
    const coreStart = new Int32Array(n + 1);
    const cores: number[] = [];
    const hostAt = positions<Host>(model.hosts);
    for (let g = 0; g < n; g++) {
      const guest = guestAt(model, g);
      host[g] = hostAt(guest.host);
      const pin = guest.pin;
      if (pin.kind === "explicit") explicitPin[g] = 1;
      if (guest.kind === "vm") vcpus[g] = guest.vcpus;
      numa[g] = guest.numa;
      coreStart[g] = cores.length;
      const pinned = pin.cores;
      for (let k = 0; k < pinned.length; k++) cores.push(pinned[k]!);
    }
    coreStart[n] = cores.length;
    facts = { host, explicitPin, vcpus, numa, coreStart, cores };
    guestCache.set(model, facts);
  }
  return facts;
}

/** The facts of `model`'s interfaces: computed on the first call for a model, then shared by every rule. */
export function ifaceFacts(model: Model): IfaceFacts {
  let facts = cache.get(model);
  if (facts === undefined) {
    facts = compute(model);
    cache.set(model, facts);
  }
  return facts;
}

/**
 * The positions of the interfaces each traffic block names: computed on the first call for a model, then
 * shared by the rules on traffic (each looked its interfaces up itself, reading ten interfaces or so per
 * traffic block in a million-line topology).
 */
export function trafficFacts(model: Model): TrafficFacts {
  let facts = trafficCache.get(model);
  if (facts === undefined) {
    const traffic = model.traffic;
    const n = traffic.length;
    const iface = new Int32Array(n);
    const from = new Int32Array(n).fill(-1);
    const to = new Int32Array(n).fill(-1);
    // Traffic is declared in the order of the interfaces it targets, mostly: each near the last.
    const toAt = positions<Iface>(model.ifaces);
    const fromAt = positions<Iface>(model.ifaces);
    for (let t = 0; t < n; t++) {
      const block = traffic[t]!;
      if (block.to.kind === "iface") to[t] = toAt(block.to.iface);
      if (block.from.kind === "iface") from[t] = fromAt(block.from.iface);
      // trafficIface: the target, else the sender (never wire to wire in the model).
      iface[t] = block.to.kind === "iface" ? to[t]! : from[t]!;
    }
    facts = { iface, from, to };
    trafficCache.set(model, facts);
  }
  return facts;
}

/**
 * Position of an id in `list`, for a walk in the model's order (the interfaces of one host name its
 * entities in the order of their lists, often the same one many times in a row): looks near the last
 * answer first (`nearLast`, as `follower` does), then in a map of the list built on the first miss.
 */
function positions<V extends { readonly id: string }>(list: readonly V[]): (id: string) => number {
  let at = 0;
  let map: Map<string, number> | undefined;
  return (id) => {
    const near = nearLast(list, at, id);
    if (near !== -1) return (at = near);
    if (map === undefined) {
      map = new Map();
      for (let k = 0; k < list.length; k++) map.set(list[k]!.id, k);
    }
    const k = map.get(id);
    if (k === undefined) throw new Error(`internal error: ${id} is not in the model`);
    return (at = k);
  };
}

function compute(model: Model): IfaceFacts {
  const ifaces = model.ifaces;
  const n = ifaces.length;
  const flags = new Uint16Array(n);
  const target = new Int32Array(n);
  const slot = new Int32Array(n).fill(-1);
  const owner = new Int32Array(n).fill(-1);
  const host = new Int32Array(n);
  const mtu = new Float64Array(n);
  const vlan = new Int32Array(n);
  const pfAt = positions<Pf>(model.pfs);
  const vswitchAt = positions<Vswitch>(model.vswitches);
  const vmAt = positions<Vm>(model.vms);
  const containerAt = positions<Container>(model.containers);
  const hostAt = positions<Host>(model.hosts);
  for (let i = 0; i < n; i++) {
    const iface = ifaces[i]!;
    const attachment = iface.attachment;
    let f = 0;
    switch (attachment.kind) {
      case "pf":
        f = PF;
        target[i] = pfAt(attachment.pf);
        break;
      case "vmdq":
        f = VMDQ;
        target[i] = pfAt(attachment.pf);
        break;
      case "vswitch":
        f = VSWITCH;
        target[i] = vswitchAt(attachment.vswitch);
        break;
      default: {
        f = attachment.kind === "vf" ? VF : VDPA;
        target[i] = pfAt(attachment.pf);
        const s = attachment.slot;
        if (s.kind === "exhausted") f |= SLOT_EXHAUSTED;
        else {
          slot[i] = s.index;
          if (s.kind === "explicit") f |= SLOT_EXPLICIT;
        }
      }
    }
    const o = iface.owner;
    if (o.kind === "vm") {
      f |= OWNER_VM;
      owner[i] = vmAt(o.vm);
    } else if (o.kind === "container") {
      f |= OWNER_CONTAINER;
      owner[i] = containerAt(o.container);
    }
    if (!iface.spoofchk) f |= SPOOFCHK_OFF;
    if (iface.trust) f |= TRUSTED;
    if (iface.driver === "dpdk") f |= DPDK;
    if (iface.mac.kind !== "auto") f |= MAC_WRITTEN;
    if (iface.queues > 1) f |= MULTI_QUEUE;
    if (iface.requires.length > 0) f |= REQUIRES;
    flags[i] = f;
    host[i] = hostAt(iface.host);
    mtu[i] = iface.mtu;
    vlan[i] = iface.vlan ?? -1;
  }
  return { flags, target, slot, owner, host, mtu, vlan };
}
