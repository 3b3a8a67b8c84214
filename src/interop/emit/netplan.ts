/**
 * IR → netplan (docs/INTEROP.md, "netplan"): a file per host that sets each PF's VF count
 * (`virtual-function-count`), MTU and `embedded-switch-mode` (`switchdev` for a PF with `switchdev` in the
 * IR, an uplink of a vSwitch that offloads, whose VFs are its representor ports; else `legacy`, in which VFs
 * bypass the host's vSwitch), and for each VF an interface uses, its MTU, MAC and
 * hardware VLAN (a `vlans` entry with `renderer: sriov`, named `vlanName`). VFs are named `<pf>v<index>`,
 * the name systemd gives VF netdevs. Spoof checking, trust and rate limits have no netplan key: each is a located warning.
 *
 * A VF bound to vfio-pci (`vfioBinding`: a VM's, a DPDK one on a NIC whose DPDK needs vfio-pci) has no such entry: netplan configures a VF by
 * its netdev, which vfio-pci takes away (netplan apply skips an SR-IOV VLAN whose VF it finds no netdev
 * for). Its PF's `virtual-function-count` still creates it; libvirt sets a VM's VF's MAC and VLAN through
 * the PF (`--emit libvirt`), the SR-IOV CNI a pod's (`--emit k8s`); the host's own DPDK VF gets a warning.
 *
 * A VF on a switchdev PF (a representor port of an offloading vSwitch) gets no `vlans` entry: its VLAN is
 * the tag of the representor's port on that vSwitch (`representorVlan`), and netplan's `renderer: sriov`
 * VLAN filter is set through the PF, which refuses it in switchdev mode. The file names those VLANs in a
 * comment, and a warning at each interface that is not a VM's (libvirt's emitter says it for a VM's) says
 * how to tag the port.
 */
import { stringify } from "yaml";
import type { Ir } from "../../lower/ir.js";
import { kernelNames, localName, representorVlan, representorVlanHelp, switchdevUnsupported, type EmitWarning, type Emitted, type EmittedFile, vfioBinding } from "./common.js";

/** The longest interface name Linux takes (IFNAMSIZ, 16, with its terminating NUL). */
export const MAX_IFNAME = 15;

/**
 * The name of a VF's VLAN interface: `PFvN.VLAN` when it fits in MAX_IFNAME, else `pfKvN.VLAN` (K the PF's
 * place among the host's PFs with VFs). netplan warns of a longer name and networkd ignores it: the VLAN
 * would silently not exist (`e810_a_datav0.100`, of a NIC `e810_a` and a PF `data`, is 17 characters).
 */
function vlanName(vf: string, pfIndex: number, vfIndex: number, vlan: number): string {
  const name = `${vf}.${vlan}`;
  return name.length <= MAX_IFNAME ? name : `pf${pfIndex}v${vfIndex}.${vlan}`;
}

export function emitNetplan(ir: Ir, options: { source?: string } = {}): Emitted {
  const warnings: EmitWarning[] = switchdevUnsupported(ir, "embedded-switch-mode: switchdev");
  const files: EmittedFile[] = [];
  const pfs = new Map(ir.pfs.map((pf) => [pf.id, pf]));
  const kernel = kernelNames(ir.pfs);
  const boundToVfio = vfioBinding(ir);
  for (const host of ir.hosts) {
    const ethernets: Record<string, Record<string, unknown>> = {};
    const vlans: Record<string, Record<string, unknown>> = {};
    const pfIndex = new Map<string, number>();
    /** `PFvN (iface)` of each VF bound to vfio-pci: said in the file, which has no entry for them. */
    const vfioBound: string[] = [];
    /** `PFvN (iface) VLAN V on SW` of each representor VF with a VLAN: said in the file, which does not set it. */
    const onRepresentor: string[] = [];
    for (const pf of ir.pfs) {
      if (pf.host !== host.id || pf.vfs === 0) continue;
      pfIndex.set(pf.id, pfIndex.size);
      // The mode lowering decided (src/semantics/switchdev.ts): an offloading vSwitch's uplink in legacy mode
      // would have no representors, and OVS nothing to offload into.
      ethernets[kernel.get(pf.id)!] = { mtu: pf.mtu, "virtual-function-count": pf.vfs, "embedded-switch-mode": pf.switchdev === true ? "switchdev" : "legacy" };
    }
    for (const iface of ir.ifaces) {
      if (iface.host !== host.id || iface.attachment.kind !== "vf") continue;
      const pf = pfs.get(iface.attachment.pf)!;
      const vf = `${kernel.get(pf.id)!}v${iface.attachment.vf}`;
      if (!iface.spoofchk || iface.trust || iface.rateLimitBps !== null)
        warnings.push({ span: iface.span, message: `\`${iface.id}\`: netplan has no key for a VF's spoof checking, trust or rate limit`, help: "set them with `ip link set PF vf N …` (a networkd-dispatcher hook), or `--emit k8s`" });
      // An automatic MAC (locally administered, `02:…`) is left to the driver.
      const explicitMac = !iface.mac.startsWith("02:");
      // A representor port's VLAN is the vSwitch's to tag: not a VF VLAN, which switchdev mode refuses.
      const representor = representorVlan(iface);
      const hasVlan = iface.vlan !== null && iface.vlan > 0 && representor === null;
      if (representor !== null) {
        onRepresentor.push(`${vf} (${iface.id}) VLAN ${representor.vlan} on ${localName(representor.vswitch)}`);
        if (iface.vm === null)
          warnings.push({
            span: iface.span,
            message: `\`${iface.id}\` is a representor port of vSwitch \`${localName(representor.vswitch)}\` (its PF is in switchdev mode): its VLAN ${representor.vlan} is the representor's port tag, which netplan does not set`,
            help: representorVlanHelp({ name: kernel.get(pf.id)!, pci: pf.pci }, iface.attachment.vf, representor.vlan),
          });
      }
      if (boundToVfio(iface)) {
        vfioBound.push(`${vf} (${iface.id})`);
        if (iface.vm === null && iface.container === null && (hasVlan || explicitMac)) {
          const settings = `${hasVlan ? ` vlan ${iface.vlan}` : ""}${explicitMac ? ` mac ${iface.mac}` : ""}`;
          warnings.push({
            span: iface.span,
            message: `\`${iface.id}\` is bound to vfio-pci for DPDK: it has no netdev, so netplan cannot set its ${[hasVlan ? "VLAN" : "", explicitMac ? "MAC" : ""].filter(Boolean).join(" or ")}`,
            help: `set ${hasVlan && explicitMac ? "them" : "it"} through the PF at boot: \`ip link set ${kernel.get(pf.id)!} vf ${iface.attachment.vf}${settings}\`, in a networkd-dispatcher hook or a systemd unit`,
          });
        }
        continue;
      }
      const entry: Record<string, unknown> = { link: kernel.get(pf.id)! };
      if (iface.mtu !== pf.mtu) entry["mtu"] = iface.mtu;
      if (explicitMac) entry["macaddress"] = iface.mac;
      ethernets[vf] = entry;
      if (hasVlan) {
        const name = vlanName(vf, pfIndex.get(pf.id)!, iface.attachment.vf, iface.vlan);
        // A short name of one PF can be another PF's own (a PF called `pf0`): said, not written over.
        if (vlans[name] !== undefined) warnings.push({ span: iface.span, message: `\`${iface.id}\`: its VLAN interface would be named \`${name}\`, as another's is: it is not written`, help: `rename one of the PFs: a VLAN interface whose name \`PFvN.VLAN\` is longer than Linux's ${MAX_IFNAME} characters is named \`pfKvN.VLAN\`, K its PF's place on the host` });
        else vlans[name] = { id: iface.vlan, link: vf, renderer: "sriov" };
      }
    }
    if (Object.keys(ethernets).length === 0) continue;
    const network: Record<string, unknown> = { version: 2, renderer: "networkd", ethernets };
    if (Object.keys(vlans).length > 0) network["vlans"] = vlans;
    let header = `# Generated by sriovc compile --emit netplan${options.source ? ` from ${options.source}` : ""} for host ${host.id} (docs/INTEROP.md).\n`;
    if (vfioBound.length > 0) header += `# Bound to vfio-pci, so without a netdev for netplan to configure: ${vfioBound.join(", ")}.\n`;
    if (onRepresentor.length > 0) header += `# Representor ports, whose VLAN the vSwitch tags (a PF in switchdev mode refuses a VF VLAN): ${onRepresentor.join(", ")}.\n`;
    files.push({ path: `${host.id}/60-sriovc.yaml`, text: header + stringify({ network }, { lineWidth: 0, version: "1.1" }) });
  }
  for (const sw of ir.vswitches) warnings.push({ span: sw.span, message: `vSwitch \`${sw.id}\` is not configured by netplan here`, help: "netplan's openvswitch section is not written; configure the vSwitch with its own tools" });
  return { files, warnings };
}
