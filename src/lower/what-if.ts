/**
 * What-ifs (`--what-if h1.db.eth0=vf`) and the data paths an interface could use (`--compare`), decided on
 * the resolved model: a what-if changes an interface's attachment (or its driver) before lowering, so
 * lowering places the re-attached interface exactly as it would place the same topology written that way.
 *
 * MODE is a data path (`pf`, `vswitch`, `vmdq`, `vf`, `vdpa`), `vswitch(NAME)` for any vSwitch on the
 * interface's host, or a driver (`dpdk`, `kernel`) that keeps the attachment.
 */
import { DATA_PATHS, IFACE_DRIVERS, type DataPath, type IfaceDriver } from "../domain/enums.js";
import type { Attachment, Host, Iface, Nic, Pf, Topology } from "../semantics/model.js";

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
  const others = [...current].filter(([id]) => id !== iface.id).map(([, a]) => a);
  switch (path) {
    case "vf":
    case "vdpa": {
      const pf = model.lookup.pfs.get(pfId)!;
      if (path === "vdpa" && model.lookup.nics.get(pf.nic)?.model.vdpa !== true) return `the ${model.lookup.nics.get(pf.nic)?.model.id ?? "NIC"} of '${pfId}' has no vDPA`;
      const used = new Set(others.flatMap((a) => ((a.kind === "vf" || a.kind === "vdpa") && a.pf === pfId && a.slot.kind !== "exhausted" ? [a.slot.index] : [])));
      for (let vf = 0; vf < pf.vfs; vf++) if (!used.has(vf)) return { kind: path, pf: pfId, slot: { kind: "allocated", index: vf } };
      return `'${pfId}' has no free VF (${pf.vfs} enabled)`;
    }
    case "vmdq": {
      const pf = model.lookup.pfs.get(pfId)!;
      const used = new Set(others.flatMap((a) => (a.kind === "vmdq" && a.pf === pfId && a.pool !== null ? [a.pool] : [])));
      for (let pool = 0; pool < pf.vmdqPools; pool++) if (!used.has(pool)) return { kind: "vmdq", pf: pfId, pool };
      return `'${pfId}' has no free VMDq pool (${pf.vmdqPools})`;
    }
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

/**
 * Every interface's attachment after the what-ifs, applied in order (each sees the ones before: two
 * interfaces moved to `vf` get two VFs). Only the interfaces that changed are in the map.
 */
export function reattach(model: Topology, whatIfs: readonly WhatIf[]): Reattachments {
  // Every check lowers the model for the analysis rules, nearly always without what-ifs: the map of every
  // interface's attachment below cost ~3 % of a check of 100k lines (docs/PERFORMANCE.md).
  if (whatIfs.length === 0) return { ok: true, attachments: NO_CHANGES, drivers: NO_DRIVERS };
  const current = new Map<string, Attachment>(model.ifaces.map((f) => [f.id, f.attachment]));
  const changed = new Map<string, Attachment>();
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
    current.set(iface.id, attachment);
    changed.set(iface.id, attachment);
  }
  return { ok: true, attachments: changed, drivers };
}

/**
 * The model as the what-ifs make it: each re-attached interface with its new attachment (and the PFs' VF
 * and VMDq users following it: the PF it left no longer counts it, the one it joined does), each interface
 * given a driver with that driver; everything else the declared model's own objects. A run with what-ifs
 * (src/driver/program.ts) checks this model with the rules and lowers it, so the what-if is applied in this
 * one place and checked and simulated as if the topology were written that way.
 */
export function whatIfTopology(model: Topology, moved: { readonly attachments: ReadonlyMap<string, Attachment>; readonly drivers: ReadonlyMap<string, IfaceDriver> }): Topology {
  if (moved.attachments.size === 0 && moved.drivers.size === 0) return model;
  // One new object per changed interface, shared by every list that holds it (rules compare them by identity).
  const changedIfaces = new Map<string, Iface>();
  for (const id of new Set([...moved.attachments.keys(), ...moved.drivers.keys()])) {
    const iface = model.lookup.ifaces.get(id)!;
    changedIfaces.set(id, { ...iface, attachment: moved.attachments.get(id) ?? iface.attachment, driver: moved.drivers.get(id) ?? iface.driver });
  }
  const ifaceOf = (iface: Iface): Iface => changedIfaces.get(iface.id) ?? iface;
  const ifaces = model.ifaces.map(ifaceOf);
  const order = new Map(model.ifaces.map((f, i) => [f.id, i]));
  const byOrder = (a: { readonly iface: string }, b: { readonly iface: string }): number => order.get(a.iface)! - order.get(b.iface)!;

  // The PFs whose users change: every re-attached interface's old PF and new one.
  const pfs = new Map<string, Pf>();
  const pfFor = (id: string): Pf => pfs.get(id) ?? model.lookup.pfs.get(id)!;
  for (const [id, attachment] of moved.attachments) {
    const before = model.lookup.ifaces.get(id)!.attachment;
    if (before.kind === "vf" || before.kind === "vdpa") {
      const pf = pfFor(before.pf);
      pfs.set(pf.id, { ...pf, vfUsers: pf.vfUsers.filter((u) => u.iface !== id) });
    } else if (before.kind === "vmdq") {
      const pf = pfFor(before.pf);
      pfs.set(pf.id, { ...pf, vmdqUsers: pf.vmdqUsers.filter((u) => u.iface !== id) });
    }
    if (attachment.kind === "vf" || attachment.kind === "vdpa") {
      const pf = pfFor(attachment.pf);
      pfs.set(pf.id, { ...pf, vfUsers: [...pf.vfUsers, { iface: id, slot: attachment.slot, mode: attachment.kind }].sort(byOrder) });
    } else if (attachment.kind === "vmdq") {
      const pf = pfFor(attachment.pf);
      pfs.set(pf.id, { ...pf, vmdqUsers: [...pf.vmdqUsers, { iface: id, pool: attachment.pool }].sort(byOrder) });
    }
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
