/**
 * Which other data paths an interface could take without raising another rule, so that a help line
 * that names an alternative names only ones the model accepts. Only VMs and containers are offered
 * other paths (a host's own interface has `vf` and `pf` only, and is told what to change instead).
 * `vf(p)` needs, in a VM, a hypervisor, an IOMMU and no live migration; in a container, an IOMMU only
 * with `driver = dpdk` (SR-IOV CNI keeps a kernel VF with the host's driver); in both, a free VF, no
 * feature a vSwitch would have applied, anti-spoofing on and trust off; `vf(p)` and `vmdq(p)` need the
 * NIC on the node the VM or container runs on, an MTU the PF carries and a MAC no one else on the PF
 * has; `vmdq(p)` needs a VM (a VMM copies into the pool), a free pool and a free MSI-X vector;
 * `vswitch(s)` (a vhost port for a VM, a veth for a container) needs every feature the interface
 * requires and an MTU its uplinks carry. Neither `vmdq(p)` nor `vswitch(s)` is offered to an interface that
 * writes `trust` or `spoofchk`: there it would have no effect (`vf-only-attribute`). (Load-driven findings, which depend on the traffic's rate on
 * the new path, are the simulator's to tell.)
 */
import { byId, takesVf, type Container, type Iface, type Model, type Pf, type Vm, type Vswitch } from "../semantics/model.js";
import { pfRef } from "./names.js";
import { writesVfSetting } from "./vf-only-attribute.js";
import { runNode } from "./topology.js";

interface Usage {
  /** By PF id. */
  readonly vfs: Map<string, number>;
  readonly pools: Map<string, number>;
  readonly switchesOf: Map<string, Vswitch[]>;
  /** Written MACs on each PF's segment (its VFs and pools, and the vSwitches it uplinks), by PF or vSwitch id. */
  readonly macs: Map<string, Iface[]>;
}

const usageCache = new WeakMap<Model, Usage>();

function usageOf(model: Model): Usage {
  let usage = usageCache.get(model);
  if (usage === undefined) {
    const vfs = new Map<string, number>();
    const pools = new Map<string, number>();
    const switchesOf = new Map<string, Vswitch[]>();
    for (const iface of model.ifaces) {
      const a = iface.attachment;
      if (takesVf(a)) vfs.set(a.pf, (vfs.get(a.pf) ?? 0) + 1);
      if (a.kind === "vmdq") pools.set(a.pf, (pools.get(a.pf) ?? 0) + 1);
    }
    for (const s of model.vswitches) for (const pf of s.uplinks) switchesOf.set(pf, [...(switchesOf.get(pf) ?? []), s]);
    const macs = new Map<string, Iface[]>();
    for (const iface of model.ifaces) {
      if (iface.mac.kind === "auto") continue;
      const a = iface.attachment;
      const segments = a.kind === "vswitch" ? [a.vswitch, ...byId(model.lookup.vswitches, a.vswitch).uplinks] : [a.pf];
      for (const segment of segments) macs.set(segment, [...(macs.get(segment) ?? []), iface]);
    }
    usage = { vfs, pools, switchesOf, macs };
    usageCache.set(model, usage);
  }
  return usage;
}

/** The PFs an interface's path involves: its own, or its vSwitch's uplinks. */
function pfsNear(model: Model, iface: Iface): Pf[] {
  const a = iface.attachment;
  return (a.kind === "vswitch" ? byId(model.lookup.vswitches, a.vswitch).uplinks : [a.pf]).map((id) => byId(model.lookup.pfs, id));
}

/** The VM or container that runs an interface; none for a host's own interface. */
function guestOf(model: Model, iface: Iface): Vm | Container | undefined {
  const owner = iface.owner;
  if (owner.kind === "vm") return byId(model.lookup.vms, owner.vm);
  if (owner.kind === "container") return byId(model.lookup.containers, owner.container);
  return undefined;
}

/** What `vf(p)` and `vmdq(p)` both need: the NIC local to the VM or container, an MTU the PF carries, a MAC of its own there. */
function pfPathAccepted(model: Model, iface: Iface, pf: Pf, usage: Usage): boolean {
  const guest = guestOf(model, iface);
  if (guest === undefined || runNode(model, guest) !== byId(model.lookup.nics, pf.nic).numa) return false;
  if (iface.spans.attrs.mtu !== undefined && iface.mtu > pf.mtu) return false;
  return macFree(iface, [pf.id], usage);
}

function macFree(iface: Iface, segments: readonly string[], usage: Usage): boolean {
  if (iface.mac.kind === "auto") return true;
  const mac = iface.mac.address;
  return segments.every((segment) => (usage.macs.get(segment) ?? []).every((other) => other === iface || other.mac.address !== mac));
}

function vfAccepted(model: Model, iface: Iface, pf: Pf, usage: Usage): boolean {
  const host = byId(model.lookup.hosts, iface.host);
  const guest = guestOf(model, iface);
  if (guest === undefined) return false;
  if (guest.kind === "vm" && (host.hypervisor === "none" || !host.iommu || guest.liveMigration)) return false;
  if (guest.kind === "container" && iface.driver === "dpdk" && !host.iommu) return false;
  if (!iface.spoofchk || iface.trust || !pfPathAccepted(model, iface, pf, usage)) return false;
  if (iface.requires.length > 0) return false;
  if ((usage.switchesOf.get(pf.id) ?? []).some((s) => s.features.length > 0)) return false;
  const own = takesVf(iface.attachment) && iface.attachment.pf === pf.id ? 1 : 0;
  return (usage.vfs.get(pf.id) ?? 0) - own < pf.vfs;
}

function vmdqAccepted(model: Model, iface: Iface, pf: Pf, usage: Usage): boolean {
  if (iface.owner.kind !== "vm" || byId(model.lookup.hosts, iface.host).hypervisor === "none" || writesVfSetting(iface) || !pfPathAccepted(model, iface, pf, usage)) return false;
  const own = iface.attachment.kind === "vmdq" && iface.attachment.pf === pf.id ? 1 : 0;
  const pools = (usage.pools.get(pf.id) ?? 0) - own + 1;
  // One MSI-X vector for the PF, one per receive queue, one per pool in use (as msix-exhausted counts).
  return pools <= pf.vmdqPools && 1 + pf.queues + pools <= pf.msix;
}

function vswitchAccepted(model: Model, iface: Iface, s: Vswitch, usage: Usage): boolean {
  if (writesVfSetting(iface) || !iface.requires.every((f) => s.features.includes(f))) return false;
  const uplinks = s.uplinks.map((id) => byId(model.lookup.pfs, id));
  if (iface.spans.attrs.mtu !== undefined && uplinks.some((pf) => pf.mtu < iface.mtu)) return false;
  return macFree(iface, [s.id, ...s.uplinks], usage);
}

/**
 * Attach expressions (`vf(x710.pf0)`, `vmdq(x710.pf0)`, `vswitch(br0)`) that the interface could use
 * instead of its own without raising another rule; cheapest path first.
 */
export function acceptedAlternatives(iface: Iface, model: Model, kinds: readonly ("vf" | "vmdq" | "vswitch")[] = ["vf", "vmdq", "vswitch"]): string[] {
  const usage = usageOf(model);
  const out: string[] = [];
  const current = iface.attachment;
  const pfs = pfsNear(model, iface);
  if (kinds.includes("vf")) for (const pf of pfs) if (!(takesVf(current) && current.pf === pf.id) && vfAccepted(model, iface, pf, usage)) out.push(`vf(${pfRef(pf)})`);
  if (kinds.includes("vmdq")) for (const pf of pfs) if (!(current.kind === "vmdq" && current.pf === pf.id) && vmdqAccepted(model, iface, pf, usage)) out.push(`vmdq(${pfRef(pf)})`);
  if (kinds.includes("vswitch") && iface.owner.kind !== "host") {
    for (const s of model.vswitches) {
      if (s.host !== iface.host || (current.kind === "vswitch" && current.vswitch === s.id)) continue;
      if (vswitchAccepted(model, iface, s, usage)) out.push(`vswitch(${s.name})`);
    }
  }
  return out;
}

/** "`a`", "`a` or `b`", "`a`, `b` or `c`": alternatives as a help line names them. */
export function orList(items: readonly string[]): string {
  const quoted = items.map((item) => `\`${item}\``);
  if (quoted.length <= 1) return quoted[0] ?? "";
  return `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}

/** ", or attach with `a` or `b`" after a help line's first advice; nothing when no alternative is accepted. */
export function withAlternatives(alternatives: readonly string[]): string {
  return alternatives.length === 0 ? "" : `, or attach with ${orList(alternatives)}`;
}

/** "attach IFACE with `a` or `b`, or OTHERWISE"; when no alternative is accepted, `without` (default: OTHERWISE). */
export function alternativesOr(alternatives: readonly string[], iface: string, otherwise: string, without = otherwise): string {
  return alternatives.length === 0 ? without : `attach ${iface} with ${orList(alternatives)}, or ${otherwise}`;
}
