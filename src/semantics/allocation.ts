/**
 * Deterministic allocation, in expansion order (imported files first, then source order, template
 * members before a block's own): VFs for `vf(p)`, VMDq pools for `vmdq(p)`, cores for VMs without `pin`,
 * and MAC addresses for `mac = auto`. Each is linear in what it allocates: per-PF and per-host cursors only
 * move forward.
 */
import { numaNodeCores, type Host, type Pinning, type VfSlot } from "./model.js";

export interface VfRequest {
  readonly pf: string;
  /** `vf(p, i)`; undefined for `vf(p)`. */
  readonly index: number | undefined;
}

// The allocators answer in request order (the i-th answer is the i-th request's) rather than in a Map by
// interface id: every request is answered, and a Map per host, grown entry by entry, was most of what
// allocation allocated.

/**
 * Explicit indices are reserved first, whatever their position (the language is declarative), then each
 * `vf(p)` takes the lowest index below `vfs` that nobody holds.
 */
export function allocateVfs(requests: readonly VfRequest[], vfsOf: (pf: string) => number): VfSlot[] {
  // The reservations matter only to a `vf(p)`: without one (every index written), none are made.
  let automatic = false;
  for (let i = 0; i < requests.length && !automatic; i++) automatic = requests[i]!.index === undefined;
  const reserved = new Map<string, Set<number>>();
  for (let i = 0; i < requests.length && automatic; i++) {
    const r = requests[i]!;
    if (r.index === undefined) continue;
    let set = reserved.get(r.pf);
    if (set === undefined) reserved.set(r.pf, (set = new Set()));
    set.add(r.index);
  }
  const cursor = new Map<string, number>();
  const asked = new Map<string, number>();
  const slots: VfSlot[] = new Array<VfSlot>(requests.length);
  for (let i = 0; i < requests.length; i++) {
    const r = requests[i]!;
    if (r.index !== undefined) {
      slots[i] = explicitSlot(r.index);
      continue;
    }
    const requested = (asked.get(r.pf) ?? 0) + 1;
    asked.set(r.pf, requested);
    const taken = reserved.get(r.pf);
    const limit = vfsOf(r.pf);
    let next = cursor.get(r.pf) ?? 0;
    while (next < limit && taken?.has(next) === true) next++;
    if (next < limit) {
      slots[i] = allocatedSlot(next);
      cursor.set(r.pf, next + 1);
    } else {
      slots[i] = { kind: "exhausted", requested };
      cursor.set(r.pf, next);
    }
  }
  return slots;
}

/** Pools in request order (each request names its PF): 0, 1, … below `vmdq_pools`; null once they run out. */
export function allocateVmdqPools(requests: readonly { readonly pf: string }[], poolsOf: (pf: string) => number): (number | null)[] {
  const used = new Map<string, number>();
  const pools: (number | null)[] = new Array<number | null>(requests.length);
  for (let i = 0; i < requests.length; i++) {
    const pf = requests[i]!.pf;
    const next = used.get(pf) ?? 0;
    used.set(pf, next + 1);
    pools[i] = next < poolsOf(pf) ? next : null;
  }
  return pools;
}

export interface PinRequest {
  readonly vcpus: number;
  /** Explicit `pin`, sorted; undefined to allocate. */
  readonly pin: readonly number[] | undefined;
  /** Its written `numa`; undefined when left out (it then follows the cores it is given). */
  readonly numa: number | undefined;
}

/**
 * Cores for one host's VMs: explicit pins as written; every other VM gets `vcpus` cores that are neither
 * hypervisor cores nor pinned or allocated already, in source order. A VM with a written `numa` takes the
 * lowest such cores of that node first (a node the host lacks has none), then, when the node has too few,
 * the lowest free cores elsewhere — as close to its node as the host allows; `numa-contradicts-pin`
 * reports such a VM. One without `numa` takes the lowest free cores. When those run out, the allocation
 * goes round the non-hypervisor cores again (marked `shared`), so every vCPU has a core and the overlap
 * shows up as `pin-overlap`/`vcpu-overcommit` rather than as a missing core.
 * Every core named is below `cores` (resolve.ts checks `pin` and `hypervisor_cores`): which cores are busy
 * is one byte per core rather than a Set grown core by core. Busy cores only ever become busier, so each
 * cursor (one for the host, one per NUMA node) only moves forward.
 */
export function allocatePins(host: Pick<Host, "cores" | "numaNodes">, hypervisorCores: readonly number[], requests: readonly PinRequest[]): Pinning[] {
  const HYPERVISOR = 2;
  const cores = host.cores;
  const busy = new Uint8Array(cores);
  for (let i = 0; i < hypervisorCores.length; i++) if (hypervisorCores[i]! < cores) busy[hypervisorCores[i]!] = HYPERVISOR;
  for (let i = 0; i < requests.length; i++) {
    const pin = requests[i]!.pin;
    if (pin !== undefined) for (let j = 0; j < pin.length; j++) if (pin[j]! < cores && busy[pin[j]!] === 0) busy[pin[j]!] = 1;
  }
  // Round-robin fallback pool (made when first needed): non-hypervisor cores, or every core when the hypervisor has them all.
  let fallback: number[] | undefined;
  let cursor = 0;
  let wrap = 0;
  // Per NUMA node, the next core to look at (made when a VM first names a node).
  let nodeCursors: number[] | undefined;
  const result: Pinning[] = new Array<Pinning>(requests.length);
  for (let i = 0; i < requests.length; i++) {
    const r = requests[i]!;
    if (r.pin !== undefined) {
      result[i] = explicitPinning(r.pin);
      continue;
    }
    const chosen: number[] = [];
    let shared = false;
    // Its own node's free cores first: only a host of several nodes has cores to prefer.
    let elsewhere = false;
    if (r.numa !== undefined && host.numaNodes > 1 && r.numa < host.numaNodes) {
      const [first, last] = numaNodeCores(host, r.numa);
      nodeCursors ??= [];
      let next = nodeCursors[r.numa] ?? first;
      while (chosen.length < r.vcpus && next <= last) {
        if (busy[next] === 0) {
          busy[next] = 1;
          chosen.push(next);
        }
        next++;
      }
      nodeCursors[r.numa] = next;
      elsewhere = chosen.length < r.vcpus && chosen.length > 0;
    }
    while (chosen.length < r.vcpus) {
      while (cursor < cores && busy[cursor] !== 0) cursor++;
      if (cursor < cores) {
        busy[cursor] = 1;
        chosen.push(cursor++);
        continue;
      }
      shared = true;
      if (fallback === undefined) {
        const guestCores: number[] = [];
        for (let c = 0; c < cores; c++) if (busy[c] !== HYPERVISOR) guestCores.push(c);
        fallback = guestCores.length > 0 ? guestCores : Array.from({ length: Math.max(cores, 1) }, (_, c) => c);
      }
      chosen.push(fallback[wrap % fallback.length]!);
      wrap++;
    }
    // Unshared and from one run, the cores were taken upwards from a cursor: sorted and distinct already.
    if (shared) result[i] = { kind: "allocated", cores: [...new Set(chosen)].sort((a, b) => a - b), shared };
    else if (chosen.length === 1) result[i] = allocatedPinning(chosen[0]!);
    else result[i] = { kind: "allocated", cores: elsewhere ? chosen.sort((a, b) => a - b) : chosen, shared };
  }
  return result;
}

// The answers that are the same for every interface or VM that gets them — VF n, core n alone — are one
// object each, shared (the model is read-only): one VF slot, one pinning and one list of cores per VM
// were ~170 B per interface that the model kept, the same few values over and over. They outlive a check
// (every model of the process holds the same ones), so each is frozen as it is made: a caller that wrote
// to one would change every model's, and now throws instead (modules are strict). The tables that hold
// them are this module's own, filled as answers are first asked for.
/** Shared answers below this index or core; above, one object each (a mistake's `vf(p, 100000)`). */
const SHARED_BELOW = 4096;
const explicitSlots: VfSlot[] = [];
const allocatedSlots: VfSlot[] = [];
const explicitPinnings: Pinning[] = [];
const allocatedPinnings: Pinning[] = [];
const singleCores: (readonly number[])[] = [];

/** `value`, frozen: a shared answer. */
function shared<T extends object>(value: T): T {
  return Object.freeze(value);
}

function explicitSlot(index: number): VfSlot {
  if (index >= SHARED_BELOW) return { kind: "explicit", index };
  return (explicitSlots[index] ??= shared<VfSlot>({ kind: "explicit", index }));
}

function allocatedSlot(index: number): VfSlot {
  if (index >= SHARED_BELOW) return { kind: "allocated", index };
  return (allocatedSlots[index] ??= shared<VfSlot>({ kind: "allocated", index }));
}

/** `[core]`, one list per core (what `pin = 3` reads as: values.ts `cores`). */
export function singleCore(core: number): readonly number[] {
  if (core >= SHARED_BELOW || core < 0) return [core];
  return (singleCores[core] ??= shared([core]));
}

function explicitPinning(cores: readonly number[]): Pinning {
  const core = cores[0]!;
  // A list of one from `singleCore`: its pinning is shared too.
  if (cores.length !== 1 || core >= SHARED_BELOW || core < 0 || singleCores[core] !== cores) return { kind: "explicit", cores };
  return (explicitPinnings[core] ??= shared<Pinning>({ kind: "explicit", cores }));
}

function allocatedPinning(core: number): Pinning {
  if (core >= SHARED_BELOW) return { kind: "allocated", cores: [core], shared: false };
  return (allocatedPinnings[core] ??= shared<Pinning>({ kind: "allocated", cores: singleCore(core), shared: false }));
}

/**
 * `mac = auto`: a locally administered unicast address (first octet 0x02) from a hash of the interface id,
 * so it is stable when other interfaces are added or reordered. FNV-1a, 64-bit, low 40 bits.
 */
export function autoMac(ifaceId: string): string {
  // The 64-bit hash as two 32-bit halves (BigInt arithmetic allocated a number at every step, for every
  // interface of a check): multiplying by the prime 2^40 + 0x1b3 is `h * 0x1b3 + (h << 40)`.
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  // (One loop, no step function: a closure over `hi` and `lo` kept them boxed, a number allocated per byte.)
  let ascii = true;
  for (let i = 0; i < ifaceId.length && ascii; i++) ascii = ifaceId.charCodeAt(i) < 0x80;
  const bytes = ascii ? undefined : UTF8.encode(ifaceId);
  const length = bytes === undefined ? ifaceId.length : bytes.length;
  for (let i = 0; i < length; i++) {
    lo = (lo ^ (bytes === undefined ? ifaceId.charCodeAt(i) : bytes[i]!)) >>> 0;
    const low = lo * 0x1b3; // below 2^41: exact
    const carry = Math.floor(low / 0x100000000);
    hi = (Math.imul(hi, 0x1b3) + carry + (lo << 8)) >>> 0;
    lo = low >>> 0;
  }
  // One string made from its 17 character codes: a template literal of 11 parts made a string per part joined.
  return String.fromCharCode(
    ZERO, TWO, COLON,
    hexDigit(hi >>> 4 & 0xf), hexDigit(hi & 0xf), COLON,
    hexDigit(lo >>> 28), hexDigit(lo >>> 24 & 0xf), COLON,
    hexDigit(lo >>> 20 & 0xf), hexDigit(lo >>> 16 & 0xf), COLON,
    hexDigit(lo >>> 12 & 0xf), hexDigit(lo >>> 8 & 0xf), COLON,
    hexDigit(lo >>> 4 & 0xf), hexDigit(lo & 0xf),
  );
}

const ZERO = 0x30;
const TWO = 0x32;
const COLON = 0x3a;
/** The character code of a lower-case hex digit. */
function hexDigit(nibble: number): number {
  return nibble < 10 ? ZERO + nibble : 0x57 + nibble;
}

const UTF8 = new TextEncoder();
