/**
 * Which other data paths an interface could take without raising another rule, so that a help line
 * that names an alternative names only ones the model accepts. `vf(p)` needs a hypervisor, an IOMMU, a
 * VM that does not live-migrate, a free VF, no feature a vSwitch would have applied, anti-spoofing on and
 * trust off; `vf(p)` and `vmdq(p)` need the NIC on the VM's NUMA node, an MTU the PF carries and a MAC
 * no one else on the PF has; `vmdq(p)` needs a free pool and a free MSI-X vector; `vswitch(s)` needs every
 * feature the interface requires and an MTU its uplinks carry. (Load-driven findings, which depend on
 * the traffic's rate on the new path, are the simulator's to tell.)
 */
import { pfRef } from "./names.js";
import type { IfaceView, PfView, LinkedTopology, VswitchView } from "./topology.js";

interface Usage {
  readonly vfs: Map<PfView, number>;
  readonly pools: Map<PfView, number>;
  readonly switchesOf: Map<PfView, VswitchView[]>;
  /** Written MACs on each PF's segment (its VFs and pools, and the vSwitches it uplinks). */
  readonly macs: Map<PfView | VswitchView, IfaceView[]>;
}

const usageCache = new WeakMap<LinkedTopology, Usage>();

function usageOf(topology: LinkedTopology): Usage {
  let usage = usageCache.get(topology);
  if (usage === undefined) {
    const vfs = new Map<PfView, number>();
    const pools = new Map<PfView, number>();
    const switchesOf = new Map<PfView, VswitchView[]>();
    for (const iface of topology.ifaces) {
      const a = iface.attachment;
      if (a.kind === "vf") vfs.set(a.pf, (vfs.get(a.pf) ?? 0) + 1);
      if (a.kind === "vmdq") pools.set(a.pf, (pools.get(a.pf) ?? 0) + 1);
    }
    for (const s of topology.vswitches) for (const pf of s.uplinks.value) switchesOf.set(pf, [...(switchesOf.get(pf) ?? []), s]);
    const macs = new Map<PfView | VswitchView, IfaceView[]>();
    for (const iface of topology.ifaces) {
      if (iface.mac.value === "auto") continue;
      const a = iface.attachment;
      const segments: (PfView | VswitchView)[] = a.kind === "vswitch" ? [a.vswitch, ...a.vswitch.uplinks.value] : [a.pf];
      for (const segment of segments) macs.set(segment, [...(macs.get(segment) ?? []), iface]);
    }
    usage = { vfs, pools, switchesOf, macs };
    usageCache.set(topology, usage);
  }
  return usage;
}

/** The PFs an interface's path involves: its own, or its vSwitch's uplinks. */
function pfsNear(iface: IfaceView): PfView[] {
  const a = iface.attachment;
  return a.kind === "vswitch" ? [...a.vswitch.uplinks.value] : [a.pf];
}

/** What `vf(p)` and `vmdq(p)` both need: the NIC local to the VM, an MTU the PF carries, a MAC of its own there. */
function pfPathAccepted(iface: IfaceView, pf: PfView, usage: Usage): boolean {
  if (iface.vm === undefined || iface.vm.numa !== pf.nic.numa.value) return false;
  if (iface.mtu.span !== undefined && iface.mtu.value > pf.mtu.value) return false;
  return macFree(iface, [pf], usage);
}

function macFree(iface: IfaceView, segments: readonly (PfView | VswitchView)[], usage: Usage): boolean {
  if (iface.mac.value === "auto") return true;
  return segments.every((segment) => (usage.macs.get(segment) ?? []).every((other) => other === iface || other.mac.value !== iface.mac.value));
}

function vfAccepted(iface: IfaceView, pf: PfView, usage: Usage): boolean {
  const { vm, host } = iface;
  if (vm === undefined || host.hypervisor.value === "none" || !host.iommu.value || vm.liveMigration.value) return false;
  if (!iface.spoofchk.value || iface.trust.value || !pfPathAccepted(iface, pf, usage)) return false;
  if (iface.requires.value.length > 0) return false;
  if ((usage.switchesOf.get(pf) ?? []).some((s) => s.features.value.length > 0)) return false;
  const own = iface.attachment.kind === "vf" && iface.attachment.pf === pf ? 1 : 0;
  return (usage.vfs.get(pf) ?? 0) - own < pf.vfs.value;
}

function vmdqAccepted(iface: IfaceView, pf: PfView, usage: Usage): boolean {
  if (iface.vm === undefined || iface.host.hypervisor.value === "none" || !pfPathAccepted(iface, pf, usage)) return false;
  const own = iface.attachment.kind === "vmdq" && iface.attachment.pf === pf ? 1 : 0;
  const pools = (usage.pools.get(pf) ?? 0) - own + 1;
  // One MSI-X vector for the PF, one per receive queue, one per pool in use (as msix-exhausted counts).
  return pools <= pf.vmdqPools.value && 1 + pf.queues + pools <= pf.msix.value;
}

function vswitchAccepted(iface: IfaceView, s: VswitchView, usage: Usage): boolean {
  if (!iface.requires.value.every((f) => s.features.value.includes(f))) return false;
  if (iface.mtu.span !== undefined && s.uplinks.value.some((pf) => pf.mtu.value < iface.mtu.value)) return false;
  return macFree(iface, [s, ...s.uplinks.value], usage);
}

/**
 * Attach expressions (`vf(x710.pf0)`, `vmdq(x710.pf0)`, `vswitch(br0)`) that the interface could use
 * instead of its own without raising another rule; cheapest path first.
 */
export function acceptedAlternatives(iface: IfaceView, topology: LinkedTopology, kinds: readonly ("vf" | "vmdq" | "vswitch")[] = ["vf", "vmdq", "vswitch"]): string[] {
  const usage = usageOf(topology);
  const out: string[] = [];
  const current = iface.attachment;
  const pfs = pfsNear(iface);
  if (kinds.includes("vf")) for (const pf of pfs) if (!(current.kind === "vf" && current.pf === pf) && vfAccepted(iface, pf, usage)) out.push(`vf(${pfRef(pf)})`);
  if (kinds.includes("vmdq")) for (const pf of pfs) if (!(current.kind === "vmdq" && current.pf === pf) && vmdqAccepted(iface, pf, usage)) out.push(`vmdq(${pfRef(pf)})`);
  if (kinds.includes("vswitch") && iface.vm !== undefined) {
    for (const s of topology.vswitches) {
      if (s.host !== iface.host || (current.kind === "vswitch" && current.vswitch === s)) continue;
      if (vswitchAccepted(iface, s, usage)) out.push(`vswitch(${s.name})`);
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
