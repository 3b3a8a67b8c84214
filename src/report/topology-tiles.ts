/** The counts that open both HTML layouts (the per-interface page and the fleet page), decided once. */
import type { Ir } from "../lower/ir.js";

export function topologyTiles(ir: Ir): [string, string][] {
  // A vDPA device is a VF too (its datapath speaks virtio to the guest): it takes one of the PF's VFs.
  const vfsUsed = ir.ifaces.filter((f) => f.attachment.kind === "vf" || f.attachment.kind === "vdpa").length;
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
