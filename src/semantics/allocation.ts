/**
 * Deterministic allocation, in expansion order (imported files first, then source order, template
 * members before a block's own): VFs for `vf(p)`, VMDq pools for `vmdq(p)`, cores for VMs without `pin`,
 * and MAC addresses for `mac = auto`. Each is linear in what it allocates: per-PF and per-host cursors only
 * move forward.
 */
import type { Pinning, VfSlot } from "./model.js";

export interface VfRequest {
  readonly iface: string;
  readonly pf: string;
  /** `vf(p, i)`; undefined for `vf(p)`. */
  readonly index: number | undefined;
}

/**
 * Explicit indices are reserved first, whatever their position (the language is declarative), then each
 * `vf(p)` takes the lowest index below `vfs` that nobody holds.
 */
export function allocateVfs(requests: readonly VfRequest[], vfsOf: (pf: string) => number): Map<string, VfSlot> {
  const reserved = new Map<string, Set<number>>();
  for (const r of requests) {
    if (r.index === undefined) continue;
    let set = reserved.get(r.pf);
    if (set === undefined) reserved.set(r.pf, (set = new Set()));
    set.add(r.index);
  }
  const cursor = new Map<string, number>();
  const asked = new Map<string, number>();
  const slots = new Map<string, VfSlot>();
  for (const r of requests) {
    if (r.index !== undefined) {
      slots.set(r.iface, { kind: "explicit", index: r.index });
      continue;
    }
    const requested = (asked.get(r.pf) ?? 0) + 1;
    asked.set(r.pf, requested);
    const taken = reserved.get(r.pf);
    const limit = vfsOf(r.pf);
    let next = cursor.get(r.pf) ?? 0;
    while (next < limit && taken?.has(next) === true) next++;
    if (next < limit) {
      slots.set(r.iface, { kind: "allocated", index: next });
      cursor.set(r.pf, next + 1);
    } else {
      slots.set(r.iface, { kind: "exhausted", requested });
      cursor.set(r.pf, next);
    }
  }
  return slots;
}

/** Pools in request order: 0, 1, … below `vmdq_pools`; null once they run out. */
export function allocateVmdqPools(requests: readonly { iface: string; pf: string }[], poolsOf: (pf: string) => number): Map<string, number | null> {
  const used = new Map<string, number>();
  const pools = new Map<string, number | null>();
  for (const r of requests) {
    const next = used.get(r.pf) ?? 0;
    used.set(r.pf, next + 1);
    pools.set(r.iface, next < poolsOf(r.pf) ? next : null);
  }
  return pools;
}

export interface PinRequest {
  readonly vm: string;
  readonly vcpus: number;
  /** Explicit `pin`, sorted; undefined to allocate. */
  readonly pin: readonly number[] | undefined;
}

/**
 * Cores for one host's VMs: explicit pins as written; every other VM gets the next `vcpus` cores that are
 * neither hypervisor cores nor pinned or allocated already, in source order. When those run out, the
 * allocation goes round the non-hypervisor cores again (marked `shared`), so every vCPU has a core and the
 * overlap shows up as `pin-overlap`/`vcpu-overcommit` rather than as a missing core.
 */
export function allocatePins(cores: number, hypervisorCores: readonly number[], requests: readonly PinRequest[]): Map<string, Pinning> {
  const hypervisor = new Set(hypervisorCores);
  const busy = new Set<number>(hypervisorCores);
  for (const r of requests) if (r.pin !== undefined) for (const c of r.pin) busy.add(c);
  // Round-robin fallback pool: non-hypervisor cores, or every core when the hypervisor has them all.
  const guestCores: number[] = [];
  for (let c = 0; c < cores; c++) if (!hypervisor.has(c)) guestCores.push(c);
  const fallback = guestCores.length > 0 ? guestCores : Array.from({ length: Math.max(cores, 1) }, (_, c) => c);
  let cursor = 0;
  let wrap = 0;
  const result = new Map<string, Pinning>();
  for (const r of requests) {
    if (r.pin !== undefined) {
      result.set(r.vm, { kind: "explicit", cores: r.pin });
      continue;
    }
    const chosen: number[] = [];
    let shared = false;
    while (chosen.length < r.vcpus) {
      while (cursor < cores && busy.has(cursor)) cursor++;
      if (cursor < cores) {
        busy.add(cursor);
        chosen.push(cursor++);
        continue;
      }
      shared = true;
      chosen.push(fallback[wrap % fallback.length]!);
      wrap++;
    }
    result.set(r.vm, { kind: "allocated", cores: [...new Set(chosen)].sort((a, b) => a - b), shared });
  }
  return result;
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
  const fnv = (byte: number): void => {
    lo = (lo ^ byte) >>> 0;
    const low = lo * 0x1b3; // below 2^41: exact
    const carry = Math.floor(low / 0x100000000);
    hi = (Math.imul(hi, 0x1b3) + carry + (lo << 8)) >>> 0;
    lo = low >>> 0;
  };
  let ascii = true;
  for (let i = 0; i < ifaceId.length && ascii; i++) ascii = ifaceId.charCodeAt(i) < 0x80;
  if (ascii) for (let i = 0; i < ifaceId.length; i++) fnv(ifaceId.charCodeAt(i));
  else for (const byte of UTF8.encode(ifaceId)) fnv(byte);
  return `02:${HEX[hi & 0xff]}:${HEX[lo >>> 24]}:${HEX[(lo >>> 16) & 0xff]}:${HEX[(lo >>> 8) & 0xff]}:${HEX[lo & 0xff]}`;
}

const UTF8 = new TextEncoder();
/** Two hex digits per byte value. */
const HEX: readonly string[] = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));
