/** What every emitter returns: files to write and what the format could not express, located in the source. */
import { boundToVfio } from "../../domain/vfio-binding.js";
import type { Ir, IrIface, IrSpan } from "../../lower/ir.js";
import { defaultCatalogue } from "../../semantics/catalogue.js";

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

/**
 * The shell command that prints the netdev name of the representor of VF `vf` of a PF in switchdev mode. That
 * name is not knowable here: udev/systemd names it on the host (`enp59s0f0npf0vf2` on one, `ens785f0np0_2`
 * on another). What is knowable is the eSwitch port: `devlink port show` lists each VF's representor as
 * `pci/<PF's PCI address>/<index>: type eth netdev <name> flavour pcivf [controller C] pfnum P vfnum V
 * [external E] …` (the kernel's devlink-port.rst; `phys_port_name` is `pfPvfV` from the same port,
 * representors.rst). The devlink instance is the PF's PCI function, so its address and the VF's index name
 * exactly one port; `external true` is a port of another host's VF (a SmartNIC's host controller), left
 * out. Without a `pci` in the source the address is read from the PF's netdev in sysfs. `awk` reads the
 * fields after the handle as key–value pairs, whatever optional ones an iproute2 version prints between
 * them, and skips the `function:` lines under a port.
 */
export function representorNetdevCommand(pf: { readonly name: string; readonly pci: string | null }, vf: number): string {
  const dev = pf.pci !== null ? `pci/${pf.pci}/` : `pci/$(basename "$(readlink /sys/class/net/${pf.name}/device)")/`;
  return `devlink port show | awk -v dev="${dev}" -v vf=${vf} 'index($1, dev) == 1 { delete a; for (i = 2; i < NF; i++) a[$i] = $(i + 1); if (a["flavour"] == "pcivf" && a["vfnum"] == vf && a["external"] != "true") print a["netdev"] }'`;
}

/**
 * The help of a representor port's VLAN: a command to paste on the host that tags the port of exactly that
 * VF's representor (`representorNetdevCommand`). A VF without a representor yet makes the name empty, and
 * `ovs-vsctl` then refuses (no row "" in table Port) rather than tagging another port.
 */
export function representorVlanHelp(pf: { readonly name: string; readonly pci: string | null }, vf: number, vlan: number): string {
  return `on the host, tag the port of ${representorPhrase(pf, vf)}: \`ovs-vsctl set Port "$(${representorNetdevCommand(pf, vf)})" tag=${vlan}\``;
}

/** `the representor of p0's VF 2, which devlink finds by …`: what the commands above find, and by what. */
export function representorPhrase(pf: { readonly name: string; readonly pci: string | null }, vf: number): string {
  const by = pf.pci !== null ? `${pf.name}'s PCI address ${pf.pci}` : `${pf.name}'s PCI address (from sysfs: the source gives no \`pci\`)`;
  return `the representor of ${pf.name}'s VF ${vf}, which devlink finds by ${by} and the VF's index (its netdev name is udev's)`;
}

/**
 * A warning for each PF with VFs that the IR puts in switchdev mode (`switchdev`) on a NIC model without it
 * (the catalogue's `switchdev`; a model the catalogue does not list has none), as `format` writes the mode
 * (`embedded-switch-mode: switchdev`, `eSwitchMode: switchdev`): the driver refuses that mode, so the host
 * fails to apply the file, and emit must not write it silently. In a `.sriov` program this is
 * offload-unsupported's error, which stops `compile` unless it is turned off; an IR file no rule checked.
 */
export function switchdevUnsupported(ir: Ir, format: string): EmitWarning[] {
  const models = new Map(ir.nics.map((nic) => [nic.id, nic.model]));
  const catalogue = defaultCatalogue().models;
  const warnings: EmitWarning[] = [];
  for (const pf of ir.pfs) {
    if (pf.switchdev !== true || pf.vfs === 0) continue;
    const model = models.get(pf.nic) ?? "";
    if (catalogue.get(model)?.switchdev === true) continue;
    // The PF as the source names it (`x710.p0`): its local name may be another NIC's too.
    const name = pf.id.slice(pf.host.length + 1);
    const why = pf.vswitch === null ? "" : ` (an uplink of vSwitch \`${localName(pf.vswitch)}\`, which offloads)`;
    warnings.push({
      span: pf.span,
      message: `\`${pf.id}\` is written in switchdev mode${why} as \`${format}\`, but its NIC model \`${model}\` has no switchdev mode: the driver refuses the mode, and the host fails to apply it`,
      help:
        pf.vswitch === null
          ? `use a NIC model with switchdev for \`${name}\`, or leave \`"switchdev": true\` out of the IR`
          : `use a NIC model with switchdev for \`${name}\`, or set \`offload = false\` on \`${localName(pf.vswitch)}\` (offload-unsupported reports this, an error unless turned off)`,
    });
  }
  return warnings;
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
