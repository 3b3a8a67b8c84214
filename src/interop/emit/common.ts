/** What every emitter returns: files to write and what the format could not express, located in the source. */
import { boundToVfio } from "../../domain/vfio-binding.js";
import type { Ir, IrIface, IrSpan } from "../../lower/ir.js";

export interface EmittedFile {
  /** Relative path: the file name when written to a directory (`-o DIR`). */
  readonly path: string;
  readonly text: string;
}

export interface EmitWarning {
  readonly span: IrSpan | undefined;
  readonly message: string;
  readonly help: string;
}

export interface Emitted {
  readonly files: EmittedFile[];
  readonly warnings: EmitWarning[];
}

/** `file:line:col: warning: message` + help, the form of the compiler's other plain-text messages. */
export function renderWarnings(warnings: readonly EmitWarning[]): string {
  return warnings
    .map((w) => `${w.span ? `${w.span.file}:${w.span.line}:${w.span.column}: ` : ""}warning: ${w.message}\n  help: ${w.help}\n`)
    .join("");
}

/**
 * Whether an interface's VF is bound to vfio-pci on its host (src/domain/vfio-binding.ts): passed through to
 * a VM, or taken by DPDK on a NIC whose DPDK needs vfio-pci. Such a VF has no netdev on the host, so
 * nothing there configures it by interface name; its MAC and VLAN are set through its PF.
 */
export function vfioBinding(ir: Ir): (iface: IrIface) => boolean {
  const pfNic = new Map(ir.pfs.map((pf) => [pf.id, pf.nic]));
  const bifurcated = new Set(ir.nics.filter((nic) => nic.dpdkBifurcated === true).map((nic) => nic.id));
  return (iface) => {
    const a = iface.attachment;
    const nic = a.kind === "vf" || a.kind === "vdpa" || a.kind === "vmdq" || a.kind === "pf" ? pfNic.get(a.pf) : undefined;
    return boundToVfio(iface.vm !== null, iface.driver === "dpdk", nic !== undefined && bifurcated.has(nic));
  };
}

/**
 * The PFs (by id) a deployment puts in switchdev mode: the uplinks of a vSwitch with `offload = true`, whose
 * VFs are that vSwitch's representor ports (LANGUAGE.md; the checker decides the same from the model in
 * src/rules/topology.ts, `switchdevPfs`). An uplink whose model has no switchdev is `offload-unsupported`,
 * an error, and compile emits nothing then. Every other PF with VFs is in legacy mode.
 */
export function switchdevUplinks(ir: Ir): Set<string> {
  const pfs = new Set<string>();
  for (const vswitch of ir.vswitches) if (vswitch.offload) for (const id of vswitch.uplinks) pfs.add(id);
  return pfs;
}

/**
 * The VLAN of a VF that is a representor port (`offload` in the IR, decided by lowering for every VF of an
 * offloading vSwitch's uplink, whoever uses it), with its vSwitch; else null. It belongs on
 * the representor's port of that vSwitch, not on the VF: in switchdev mode the PF refuses a VF VLAN (`ip link
 * set PF vf N vlan V`, which netplan's `renderer: sriov`, libvirt's `<vlan>` of a hostdev interface and the
 * SR-IOV CNI all issue): mlx5 returns EOPNOTSUPP for any VLAN but 0 (`mlx5_eswitch_set_vport_vlan`), the
 * eSwitch's rules coming from the vSwitch instead.
 */
export function representorVlan(iface: IrIface): { readonly vswitch: string; readonly vlan: number } | null {
  return iface.offload === null || iface.vlan === null || iface.vlan <= 0 ? null : { vswitch: iface.offload.vswitch, vlan: iface.vlan };
}

/** The help of a representor port's VLAN: tag the representor's port, where the vSwitch is configured. */
export function representorVlanHelp(pfName: string, vf: number, vlan: number): string {
  return `tag the representor's port where the vSwitch is configured: \`ovs-vsctl set port REP tag=${vlan}\`, REP the representor of ${pfName}'s VF ${vf} (\`ip -d link\` lists it, with a \`phys_port_name\` ending in \`vf${vf}\`)`;
}

/** The last segment of a canonical id (`h1.x710.pf0` → `pf0`). */
export function localName(id: string): string {
  return id.slice(id.lastIndexOf(".") + 1);
}

/** Sorted distinct integers → contiguous runs (`[0,1,2,5]` → `[[0,2],[5,5]]`). */
export function runs(values: readonly number[]): [number, number][] {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && last[1] === v - 1) last[1] = v;
    else out.push([v, v]);
  }
  return out;
}

/** A Kubernetes object name (DNS-1123 subdomain label): lower case, digits and `-`, at most 63 characters. */
export function k8sName(...parts: string[]): string {
  const name = parts
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
  return name.slice(0, 63).replace(/-$/, "") || "sriovc";
}

/**
 * The kernel interface name a PF is given in deployable config: its `.sriov` name, or `<nic>_<pf>` when
 * another NIC of the host has a PF of the same name (kernel names are unique per host, `.sriov` PF
 * names per NIC).
 */
export function kernelNames(pfs: readonly { readonly id: string; readonly host: string }[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const pf of pfs) count.set(`${pf.host}\u0000${localName(pf.id)}`, (count.get(`${pf.host}\u0000${localName(pf.id)}`) ?? 0) + 1);
  return new Map(
    pfs.map((pf) => {
      const name = localName(pf.id);
      if (count.get(`${pf.host}\u0000${name}`) === 1) return [pf.id, name];
      const parts = pf.id.split(".");
      return [pf.id, `${parts[parts.length - 2]}_${name}`];
    }),
  );
}
