/**
 * The eSwitch mode of a PF (switchdev or legacy), decided once, from the resolved model: the rules read it
 * here, lowering writes it on the IR's PF (`switchdev: true`), and the emitters (netplan's
 * `embedded-switch-mode`, the operator's `eSwitchMode`) read it from the IR.
 *
 * Why the mode follows from the vSwitches: a vSwitch with `offload = true` runs its rules in the embedded
 * switch of its uplinks through their VFs' representor ports (tc flower on the representors, OVS hardware
 * offload; rte_flow for OVS-DPDK), and a PF has representors only in switchdev mode (the kernel's
 * Documentation/networking/representors.rst). In legacy mode the eSwitch forwards by MAC
 * and VLAN alone and a VF bypasses every vSwitch. So a PF is in switchdev mode exactly when it is an uplink
 * of a vSwitch that offloads; `.sriov` has no attribute of its own for the mode. A VMware standard switch
 * (`type = vss`) offloads nothing into a NIC's embedded switch (offload-unsupported says so of its
 * `offload = true`), so it leaves its uplinks in legacy mode. A PF is an uplink of one vSwitch at most
 * (resolve refuses a second), the one `lookup.vswitchByUplink` gives.
 *
 * Whether the NIC model can take the mode is not part of the decision: it is what the topology asks of the
 * host, and a model without switchdev is offload-unsupported's error. Its VFs are representor ports only
 * when it can (`representorVswitch`).
 */
import type { Topology, Vswitch } from "./model.js";

export type EswitchMode = "switchdev" | "legacy";

/** Whether a vSwitch puts its uplinks in switchdev mode: `offload = true` on a switch that can offload. */
export function offloadsIntoEswitch(vswitch: Pick<Vswitch, "offload" | "type">): boolean {
  return vswitch.offload && vswitch.type !== "vss";
}

/** The vSwitch that puts PF `pf` (by id) in switchdev mode, or undefined: the PF is in legacy mode. */
export function switchdevVswitch(model: Pick<Topology, "lookup">, pf: string): Vswitch | undefined {
  const vswitch = model.lookup.vswitchByUplink.get(pf);
  return vswitch !== undefined && offloadsIntoEswitch(vswitch) ? vswitch : undefined;
}

/** The eSwitch mode of PF `pf` (by id). */
export function eswitchMode(model: Pick<Topology, "lookup">, pf: string): EswitchMode {
  return switchdevVswitch(model, pf) === undefined ? "legacy" : "switchdev";
}

/**
 * The vSwitch whose representor ports the VFs of PF `pf` are, whoever uses them (a VM, a container, the host
 * itself), or undefined: the PF is in switchdev mode and its NIC model has switchdev. On a model without it
 * there are no representors to offload through, whatever the topology asks.
 */
export function representorVswitch(model: Pick<Topology, "lookup">, pf: string): Vswitch | undefined {
  const vswitch = switchdevVswitch(model, pf);
  if (vswitch === undefined) return undefined;
  const nic = model.lookup.nics.get(model.lookup.pfs.get(pf)?.nic ?? "");
  return nic?.model.switchdev === true ? vswitch : undefined;
}
