/**
 * What-ifs (`--what-if h1.db.eth0=vf`) and the data paths an interface could use (`--compare`), decided on
 * the resolved model: a what-if changes an interface's attachment (or its driver) before lowering, so
 * lowering places the re-attached interface exactly as it would place the same topology written that way.
 *
 * MODE is a data path (`pf`, `vswitch`, `vmdq`, `vf`, `vdpa`), `vswitch(NAME)` for any vSwitch on the
 * interface's host, or a driver (`dpdk`, `kernel`) that keeps the attachment.
 */
import { DATA_PATHS, IFACE_DRIVERS, type DataPath, type IfaceDriver } from "../domain/enums.js";
import { allocateVfs, allocateVmdqPools, type VfRequest } from "../semantics/allocation.js";
import { defaultIfaceMtu } from "../semantics/iface-mtu.js";
import type { Attachment, Host, Iface, Nic, Pf, Topology, VfSlot, VfUser, VmdqUser } from "../semantics/model.js";
import { queueLimitProblem } from "../semantics/queue-limit.js";

/** One `IFACE=MODE`: a data path (with the vSwitch to use, for `vswitch(NAME)`), or a driver. */
export type WhatIf = { readonly iface: string; readonly path: DataPath; readonly vswitch?: string } | { readonly iface: string; readonly driver: IfaceDriver };

/** Every MODE, in the order messages and `sriovc simulate --help` list them. */
export const WHAT_IF_MODES: readonly string[] = [...DATA_PATHS, "vswitch(NAME)", ...IFACE_DRIVERS];

/** Parses `IFACE=MODE`; a message when the text is not one. */
export function parseWhatIf(text: string): WhatIf | string {
  const named = /^(.+)=vswitch\(([A-Za-z_][A-Za-z0-9_-]*)\)$/.exec(text);
  if (named) return { iface: named[1]!, path: "vswitch", vswitch: named[2]! };
  const at = text.lastIndexOf("=");
  if (at <= 0 || at === text.length - 1) return `expects IFACE=MODE (e.g. h1.db.eth0=vf), got '${text}'`;
  const mode = text.slice(at + 1);
  const iface = text.slice(0, at);
  if ((IFACE_DRIVERS as readonly string[]).includes(mode)) return { iface, driver: mode as IfaceDriver };
  if (!(DATA_PATHS as readonly string[]).includes(mode)) return `${text}: unknown data path '${mode}'; expected one of ${WHAT_IF_MODES.join(", ")}`;
  return { iface, path: mode as DataPath };
}

/** Parses every `IFACE=MODE` of a run; the first malformed one's message, or the conflict between two (`whatIfConflict`). */
export function parseWhatIfList(texts: readonly string[]): WhatIf[] | string {
  const whatIfs: WhatIf[] = [];
  for (const text of texts) {
    const parsed = parseWhatIf(text);
    if (typeof parsed === "string") return parsed;
    whatIfs.push(parsed);
  }
  return whatIfConflict(whatIfs) ?? whatIfs;
}

/**
 * Two what-ifs that set the same thing of one interface (two data paths, or two drivers), in words; else
 * undefined. A data path and a driver of one interface go together (`x=vf` with `x=dpdk`).
 */
export function whatIfConflict(whatIfs: readonly WhatIf[]): string | undefined {
  const seen = new Map<string, WhatIf>();
  for (const whatIf of whatIfs) {
    const what = "driver" in whatIf ? "driver" : "data path";
    const key = `${what}\u0000${whatIf.iface}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) return `${whatIf.iface} is given two ${what === "driver" ? "drivers" : "data paths"} (${whatIfMode(earlier)}, then ${whatIfMode(whatIf)}): give one`;
    seen.set(key, whatIf);
  }
  return undefined;
}

/** How a what-if reads in a message or a comparison row: `vf`, `vswitch(br-int)`, `dpdk`. */
export function whatIfMode(whatIf: WhatIf): string {
  if ("driver" in whatIf) return whatIf.driver;
  return whatIf.vswitch === undefined ? whatIf.path : `vswitch(${whatIf.vswitch})`;
}

/** The PF an interface's packets arrive on, whatever its attachment (a vSwitch: its first uplink). */
function pfOf(model: Topology, attachment: Attachment): string | null {
  return attachment.kind === "vswitch" ? (model.lookup.vswitches.get(attachment.vswitch)?.uplinks[0] ?? null) : attachment.pf;
}

/**
 * Data paths the interface could be attached with, given its host, owner and PF, in the order pf, vswitch,
 * vmdq, vf, vdpa: `vmdq` and `vdpa` only in a VM, `vdpa` only on a NIC model with vDPA, `vf` in a VM only
 * with an IOMMU (a container's kernel VF needs none).
 */
export function possiblePaths(model: Topology, iface: Iface): DataPath[] {
  if (iface.owner.kind === "host") return [iface.attachment.kind];
  const pfId = pfOf(model, iface.attachment);
  const pf = pfId === null ? undefined : model.lookup.pfs.get(pfId);
  const host = model.lookup.hosts.get(iface.host);
  const inVm = iface.owner.kind === "vm";
  const out: DataPath[] = [];
  if (iface.attachment.kind === "vswitch" || (pfId !== null && model.lookup.vswitchByUplink.has(pfId))) out.push("vswitch");
  if (inVm && pf && pf.vmdqPools > 0) out.push("vmdq");
  if (pf && pf.vfs > 0 && (host?.iommu === true || !inVm)) out.push("vf");
  if (inVm && pf && pf.vfs > 0 && host?.iommu === true && model.lookup.nics.get(pf.nic)?.model.vdpa === true) out.push("vdpa");
  return out;
}

function attachmentFor(model: Topology, iface: Iface, path: DataPath, vswitchName: string | undefined, current: ReadonlyMap<string, Attachment>): Attachment | string {
  const attachment = current.get(iface.id) ?? iface.attachment;
  if (vswitchName !== undefined) {
    const vswitch = model.lookup.hosts.get(iface.host)?.vswitches.find((s) => s.name === vswitchName);
    if (vswitch === undefined) return `host '${iface.host}' has no vSwitch '${vswitchName}'`;
    if (iface.owner.kind === "host") return `a host's own interface keeps its ${attachment.kind}(...) attachment`;
    return { kind: "vswitch", vswitch: vswitch.id };
  }
  if (path === attachment.kind) return attachment;
  if (iface.owner.kind === "host") return `a host's own interface keeps its ${attachment.kind}(...) attachment`;
  if (path === "pf") return "pf(...) is only for a host's own interfaces";
  if (iface.owner.kind === "container" && (path === "vmdq" || path === "vdpa")) return `${path}(...) needs a VM; '${iface.id}' is in a container`;
  const pfId = pfOf(model, attachment);
  if (pfId === null) return `'${iface.id}' has no PF to re-attach to`;
  switch (path) {
    case "vf":
    case "vdpa": {
      const pf = model.lookup.pfs.get(pfId)!;
      if (path === "vdpa" && model.lookup.nics.get(pf.nic)?.model.vdpa !== true) return `the ${model.lookup.nics.get(pf.nic)?.model.id ?? "NIC"} of '${pfId}' has no vDPA`;
      // Which VF: `reattach` allocates them all once every what-if is applied, as a file's are.
      return { kind: path, pf: pfId, slot: TO_ALLOCATE };
    }
    case "vmdq":
      return { kind: "vmdq", pf: pfId, pool: null };
    case "vswitch": {
      const vswitch = model.lookup.vswitchByUplink.get(pfId);
      return vswitch ? { kind: "vswitch", vswitch: vswitch.id } : `no vSwitch on '${iface.host}' has '${pfId}' as an uplink`;
    }
  }
}

const NO_CHANGES: ReadonlyMap<string, Attachment> = new Map();
const NO_DRIVERS: ReadonlyMap<string, IfaceDriver> = new Map();

export type Reattachments =
  | { readonly ok: true; readonly attachments: ReadonlyMap<string, Attachment>; readonly drivers: ReadonlyMap<string, IfaceDriver> }
  | { readonly ok: false; readonly message: string };

/** The slot of a `vf`/`vdpa` a what-if asks for until `allocate` gives it one. */
const TO_ALLOCATE: VfSlot = { kind: "allocated", index: -1 };

/**
 * Every interface's attachment after the what-ifs, applied in order (each sees the ones before). Only the
 * interfaces whose attachment changed are in the map. A what-if is the file written that way: the
 * re-attached interface's `vf(p)`/`vdpa(p)`/`vmdq(p)` carries no index, and the VFs and VMDq pools of
 * every interface are then allocated as resolution allocates a file's (`allocateVfs`, `allocateVmdqPools`:
 * written indices first, then in declaration order), so an interface declared after the re-attached one
 * may shift to the next VF, as it would in the edited file. Refused, with the message the edited file
 * would get or a plain one: too many `queues` for a VF or pool (`queueLimitProblem`), no VF or pool left.
 */
export function reattach(model: Topology, whatIfs: readonly WhatIf[]): Reattachments {
  // Every check lowers the model for the analysis rules, nearly always without what-ifs: the map of every
  // interface's attachment below cost ~3 % of a check of 100k lines (docs/PERFORMANCE.md).
  if (whatIfs.length === 0) return { ok: true, attachments: NO_CHANGES, drivers: NO_DRIVERS };
  const current = new Map<string, Attachment>(model.ifaces.map((f) => [f.id, f.attachment]));
  // The interfaces a what-if moved to a VF or a pool (their slot is to be allocated), with that what-if.
  const toAllocate = new Map<string, WhatIf>();
  const drivers = new Map<string, IfaceDriver>();
  for (const whatIf of whatIfs) {
    const iface = model.lookup.ifaces.get(whatIf.iface);
    if (!iface) return { ok: false, message: `unknown interface '${whatIf.iface}'; interfaces: ${model.ifaces.map((f) => f.id).join(", ")}` };
    if ("driver" in whatIf) {
      drivers.set(iface.id, whatIf.driver);
      continue;
    }
    const attachment = attachmentFor(model, iface, whatIf.path, whatIf.vswitch, current);
    if (typeof attachment === "string") return { ok: false, message: `cannot re-attach '${iface.id}' on ${whatIfMode(whatIf)}: ${attachment}` };
    if (attachment === current.get(iface.id)) continue;
    current.set(iface.id, attachment);
    if (attachment.kind === "vf" || attachment.kind === "vdpa" || attachment.kind === "vmdq") {
      const problem = queueLimitProblem(iface.queues, attachment.kind, model.lookup.nics.get(model.lookup.pfs.get(attachment.pf)!.nic)!.model);
      if (problem !== undefined) return { ok: false, message: `cannot re-attach '${iface.id}' on ${whatIfMode(whatIf)}: ${problem.message}` };
      toAllocate.set(iface.id, whatIf);
    } else toAllocate.delete(iface.id);
  }
  if (toAllocate.size === 0 && [...current].every(([id, a]) => a === model.lookup.ifaces.get(id)!.attachment)) return { ok: true, attachments: NO_CHANGES, drivers };
  const allocated = allocate(model, current, toAllocate);
  if (typeof allocated === "string") return { ok: false, message: allocated };
  const changed = new Map<string, Attachment>();
  for (const f of model.ifaces) {
    const after = allocated.get(f.id)!;
    if (!sameAttachment(after, f.attachment)) changed.set(f.id, after);
  }
  return { ok: true, attachments: changed, drivers };
}

function sameAttachment(a: Attachment, b: Attachment): boolean {
  if (a === b) return true;
  switch (a.kind) {
    case "vf":
    case "vdpa":
      return b.kind === a.kind && b.pf === a.pf && b.slot.kind === a.slot.kind && (b.slot.kind === "exhausted" ? a.slot.kind === "exhausted" && b.slot.requested === a.slot.requested : a.slot.kind !== "exhausted" && b.slot.index === a.slot.index);
    case "vmdq":
      return b.kind === "vmdq" && b.pf === a.pf && b.pool === a.pool;
    case "vswitch":
      return b.kind === "vswitch" && b.vswitch === a.vswitch;
    case "pf":
      return b.kind === "pf" && b.pf === a.pf;
  }
}

/**
 * Every `vf`/`vdpa`/`vmdq` interface's VF or pool, allocated over the interfaces in declaration order as
 * resolution allocates a file's (src/semantics/allocation.ts): an index the file writes stays written, a
 * re-attached interface's is not. A message when a what-if leaves a PF with fewer VFs or pools than it has
 * users, where the declared topology had enough (the edited file would be `vf-exhausted` or
 * `vmdq-pools-exhausted`).
 */
function allocate(model: Topology, current: ReadonlyMap<string, Attachment>, moved: ReadonlyMap<string, WhatIf>): Map<string, Attachment> | string {
  const vfRequests: VfRequest[] = [];
  const poolRequests: { readonly pf: string }[] = [];
  for (const f of model.ifaces) {
    const a = current.get(f.id)!;
    if (a.kind === "vf" || a.kind === "vdpa") vfRequests.push({ pf: a.pf, index: !moved.has(f.id) && a.slot.kind === "explicit" ? a.slot.index : undefined });
    else if (a.kind === "vmdq") poolRequests.push({ pf: a.pf });
  }
  const slots = allocateVfs(vfRequests, (pf) => model.lookup.pfs.get(pf)?.vfs ?? 0);
  const pools = allocateVmdqPools(poolRequests, (pf) => model.lookup.pfs.get(pf)?.vmdqPools ?? 0);
  const out = new Map<string, Attachment>();
  // Per PF, VFs (`vf:` key) and pools (`vmdq:`) short after the what-ifs less those short before.
  const short = new Map<string, number>();
  const count = (a: Attachment, by: number): void => {
    const key = (a.kind === "vf" || a.kind === "vdpa") && a.slot.kind === "exhausted" ? `vf:${a.pf}` : a.kind === "vmdq" && a.pool === null ? `vmdq:${a.pf}` : undefined;
    if (key !== undefined) short.set(key, (short.get(key) ?? 0) + by);
  };
  let nextVf = 0;
  let nextPool = 0;
  for (const f of model.ifaces) {
    const a = current.get(f.id)!;
    const after: Attachment = a.kind === "vf" || a.kind === "vdpa" ? { kind: a.kind, pf: a.pf, slot: slots[nextVf++]! } : a.kind === "vmdq" ? { kind: "vmdq", pf: a.pf, pool: pools[nextPool++] ?? null } : a;
    out.set(f.id, after);
    count(after, 1);
    count(f.attachment, -1);
  }
  for (const [id, whatIf] of moved) {
    const a = current.get(id)!;
    if (a.kind === "pf" || a.kind === "vswitch" || (short.get(`${a.kind === "vmdq" ? "vmdq" : "vf"}:${a.pf}`) ?? 0) <= 0) continue;
    const pf = model.lookup.pfs.get(a.pf)!;
    const what = a.kind === "vmdq" ? `no free VMDq pool (${pf.vmdqPools})` : `no free VF (${pf.vfs} enabled)`;
    return `cannot re-attach '${id}' on ${whatIfMode(whatIf)}: '${a.pf}' has ${what}`;
  }
  return out;
}

/**
 * The model as the what-ifs make it: each interface whose attachment `reattach` changed (the re-attached
 * ones, and those whose VF or pool moved with them) with its new attachment, and its default MTU for it
 * when the file leaves `mtu` out (`defaultIfaceMtu`); the PFs' VF and VMDq users listed again; each
 * interface given a driver with that driver; everything else the declared model's own objects. A run with what-ifs
 * (src/driver/program.ts) checks this model with the rules and lowers it, so the what-if is applied in this
 * one place and checked and simulated as if the topology were written that way.
 */
export function whatIfTopology(model: Topology, moved: { readonly attachments: ReadonlyMap<string, Attachment>; readonly drivers: ReadonlyMap<string, IfaceDriver> }): Topology {
  if (moved.attachments.size === 0 && moved.drivers.size === 0) return model;
  // One new object per changed interface, shared by every list that holds it (rules compare them by identity).
  // A re-attached interface whose `mtu` the file leaves out takes the default of its new attachment.
  const mtuSources = { pfMtu: (pf: string) => model.lookup.pfs.get(pf)?.mtu, uplinks: (vswitch: string) => model.lookup.vswitches.get(vswitch)?.uplinks };
  const changedIfaces = new Map<string, Iface>();
  for (const id of new Set([...moved.attachments.keys(), ...moved.drivers.keys()])) {
    const iface = model.lookup.ifaces.get(id)!;
    const attachment = moved.attachments.get(id) ?? iface.attachment;
    const mtu = iface.spans.attrs["mtu"] === undefined ? defaultIfaceMtu(attachment, mtuSources) : iface.mtu;
    changedIfaces.set(id, { ...iface, attachment, driver: moved.drivers.get(id) ?? iface.driver, mtu });
  }
  const ifaceOf = (iface: Iface): Iface => changedIfaces.get(iface.id) ?? iface;
  const ifaces = model.ifaces.map(ifaceOf);

  // The PFs whose users change (every changed interface's old PF and new one): their VF and VMDq users
  // listed again from the interfaces, in declaration order, as resolution lists them.
  const pfOfUse = (a: Attachment): string | null => (a.kind === "vf" || a.kind === "vdpa" || a.kind === "vmdq" ? a.pf : null);
  const touchedPfs = new Set<string>();
  for (const [id, attachment] of moved.attachments) {
    for (const pf of [pfOfUse(model.lookup.ifaces.get(id)!.attachment), pfOfUse(attachment)]) if (pf !== null) touchedPfs.add(pf);
  }
  const pfs = new Map<string, Pf>();
  if (touchedPfs.size > 0) {
    const vfUsers = new Map<string, VfUser[]>();
    const vmdqUsers = new Map<string, VmdqUser[]>();
    for (const pf of touchedPfs) {
      vfUsers.set(pf, []);
      vmdqUsers.set(pf, []);
    }
    for (const f of ifaces) {
      const a = f.attachment;
      if (a.kind === "vf" || a.kind === "vdpa") vfUsers.get(a.pf)?.push({ iface: f.id, slot: a.slot, mode: a.kind });
      else if (a.kind === "vmdq") vmdqUsers.get(a.pf)?.push({ iface: f.id, pool: a.pool });
    }
    for (const id of touchedPfs) pfs.set(id, { ...model.lookup.pfs.get(id)!, vfUsers: vfUsers.get(id)!, vmdqUsers: vmdqUsers.get(id)! });
  }

  const nics = new Map<string, Nic>();
  for (const nic of model.nics) if (nic.pfs.some((p) => pfs.has(p.id))) nics.set(nic.id, { ...nic, pfs: nic.pfs.map((p) => pfs.get(p.id) ?? p) });
  const touched = (list: readonly Iface[]): boolean => list.some((f) => changedIfaces.has(f.id));
  const withIfaces = <T extends { readonly ifaces: readonly Iface[] }>(owner: T): T => (touched(owner.ifaces) ? { ...owner, ifaces: owner.ifaces.map(ifaceOf) } : owner);
  const vms = new Map(model.vms.filter((vm) => touched(vm.ifaces)).map((vm) => [vm.id, withIfaces(vm)]));
  const containers = new Map(model.containers.filter((c) => touched(c.ifaces)).map((c) => [c.id, withIfaces(c)]));
  const hosts = model.hosts.map((host): Host => {
    if (!host.nics.some((n) => nics.has(n.id)) && !host.vms.some((v) => vms.has(v.id)) && !host.containers.some((c) => containers.has(c.id)) && !touched(host.bareIfaces)) return host;
    return {
      ...host,
      nics: host.nics.map((n) => nics.get(n.id) ?? n),
      vms: host.vms.map((v) => vms.get(v.id) ?? v),
      containers: host.containers.map((c) => containers.get(c.id) ?? c),
      bareIfaces: host.bareIfaces.map(ifaceOf),
    };
  });
  const replaced = <T extends { readonly id: string }>(map: ReadonlyMap<string, T>, changed: ReadonlyMap<string, T>): ReadonlyMap<string, T> => {
    if (changed.size === 0) return map;
    const copy = new Map(map);
    for (const [id, value] of changed) copy.set(id, value);
    return copy;
  };
  return {
    ...model,
    hosts,
    nics: model.nics.map((n) => nics.get(n.id) ?? n),
    pfs: model.pfs.map((p) => pfs.get(p.id) ?? p),
    vms: model.vms.map((v) => vms.get(v.id) ?? v),
    containers: model.containers.map((c) => containers.get(c.id) ?? c),
    ifaces,
    lookup: {
      ...model.lookup,
      hosts: replaced(model.lookup.hosts, new Map(hosts.filter((h, i) => h !== model.hosts[i]).map((h) => [h.id, h]))),
      nics: replaced(model.lookup.nics, nics),
      pfs: replaced(model.lookup.pfs, pfs),
      vms: replaced(model.lookup.vms, vms),
      containers: replaced(model.lookup.containers, containers),
      ifaces: replaced(model.lookup.ifaces, changedIfaces),
    },
  };
}
