/** What both HTML layouts (the per-interface page and the fleet page) say of the topology, decided once: the counts that open them, a PF's VFs in use and its moderation. */
import type { Ir, IrIface, IrPf } from "../lower/ir.js";
import { seconds } from "./tables.js";

/** The PF whose VF an interface takes, or undefined. A vDPA device is a VF too (its datapath speaks virtio to the guest). */
export function vfPfOf(f: IrIface): string | undefined {
  return f.attachment.kind === "vf" || f.attachment.kind === "vdpa" ? f.attachment.pf : undefined;
}

/** "used / enabled (max)" of one PF's VFs, as the PF tables of both layouts show it. */
export function pfVfsText(pf: { readonly id: string; readonly vfs: number; readonly maxVfs: number }, ifaces: readonly IrIface[]): string {
  return `${ifaces.filter((f) => vfPfOf(f) === pf.id).length} / ${pf.vfs} (${pf.maxVfs})`;
}

/** A PF's interrupt moderation: its interval, or `adaptive` with the interval it starts from (the IR's `itrNs` is then only the start). */
export function itrText(pf: Pick<IrPf, "itrNs" | "itrAdaptive">): string {
  const interval = seconds(pf.itrNs / 1e9);
  return pf.itrAdaptive ? `adaptive (from ${interval})` : interval;
}

export function topologyTiles(ir: Ir): [string, string][] {
  const vfsUsed = ir.ifaces.filter((f) => vfPfOf(f) !== undefined).length;
  const vfsEnabled = ir.pfs.reduce((sum, p) => sum + p.vfs, 0);
  return [
    ["hosts", String(ir.hosts.length)],
    ["NICs", String(ir.nics.length)],
    ["PFs", String(ir.pfs.length)],
    ["VFs used / enabled", `${vfsUsed} / ${vfsEnabled}`],
    ["vSwitches", String(ir.vswitches.length)],
    ["VMs", String(ir.vms.length)],
    ["interfaces", String(ir.ifaces.length)],
    ["traffic flows", String(ir.traffic.length)],
  ];
}
