/**
 * IR → sriov-network-operator objects (docs/INTEROP.md, "Kubernetes"), one multi-document YAML file:
 *
 * - a `SriovNetwork` per settings group: the VF interfaces that share a device type (`vfio-pci` for a
 *   VF bound to vfio-pci: a VM's or DPDK's; `netdevice` for a kernel interface, with `isRdma` for DPDK on
 *   a NIC whose DPDK runs on the kernel driver, mlx5) and their `vlan`, `spoofchk`, `trust` and `rate_limit`;
 *   an `OVSNetwork` instead (`bridge`, `vlan`) for the VFs that are representor ports of an offloading
 *   vSwitch, as the operator's OVS hardware offload plugs them into the bridge;
 * - a `SriovNetworkNodePolicy` per node, PF, contiguous VF range and group: `numVfs` and `mtu` of the PF,
 *   `nicSelector` with `pfNames: [pf#first-last]`, the PCI address as `rootDevices` and the model's PCI
 *   ids, `nodeSelector` on `kubernetes.io/hostname`, the group's `resourceName` and `deviceType`, and
 *   `eSwitchMode: switchdev` on a PF with `switchdev` in the IR (an uplink of a vSwitch that offloads).
 *
 * A host's node is its `node` where written, else its name, and a PF's name its kernel interface name. What operator
 * objects cannot say (VMDq, vSwitch and PF attachments, a VF's own MTU or MAC, VMs' CPUs and memory) is a
 * located warning.
 */
import { stringify } from "yaml";
import type { Ir, IrIface, IrPf } from "../../lower/ir.js";
import { isNodeName } from "../../domain/node-name.js";
import { HOSTNAME_LABEL } from "../k8s/objects.js";
import { pciIdsOfModel } from "../pci-ids.js";
import { k8sName, kernelNames, localName, representorNetdevCommand, representorPhrase, runs, switchdevUnsupported, vfioBinding, type EmitWarning, type Emitted } from "./common.js";
import { plural } from "../../domain/plural.js";

/** A byte count as a Kubernetes binary quantity: `4Gi`, `512Mi` (hugepages are whole 2 MiB pages). */
function k8sQuantity(bytes: number): string {
  return bytes % 1024 ** 3 === 0 ? `${bytes / 1024 ** 3}Gi` : `${bytes / 1024 ** 2}Mi`;
}

export const OPERATOR_API_VERSION = "sriovnetwork.openshift.io/v1";
export const OPERATOR_NAMESPACE = "sriov-network-operator";

interface Group {
  readonly resourceName: string;
  readonly deviceType: "netdevice" | "vfio-pci";
  /** DPDK on a kernel-driver VF (mlx5's bifurcated model), which the operator runs in RDMA mode. */
  readonly isRdma: boolean;
  /**
   * The OVS bridge whose representor port the VF is (an uplink of a vSwitch with `offload = true`), for a
   * VF that keeps its netdev: the group is then an `OVSNetwork` on that bridge, whose port carries the
   * VLAN, not a `SriovNetwork`.
   */
  readonly bridge: string | undefined;
  readonly iface: IrIface;
}

/** `representor`: the vSwitch whose representor port the VF is (the IR's `offload`), or null. */
function groupOf(iface: IrIface, vfio: boolean, representor: string | null): Group {
  // A VF bound to vfio-pci (a VM's, or DPDK's in a pod or on the host) is the device plugin's vfio-pci pool.
  // DPDK on a VF that keeps its kernel driver is a netdevice pool in RDMA mode, as the operator's documentation
  // configures mlx5 for DPDK ("Using a virtual function in DPDK mode with a Mellanox NIC").
  const deviceType = vfio ? "vfio-pci" : "netdevice";
  const isRdma = !vfio && iface.driver === "dpdk";
  // A representor port's VF: the operator's OVS hardware offload (doc/ovs-hw-offload.md) plugs the
  // representor into the bridge through an OVSNetwork, with the VLAN on the OVS port. The VF settings of
  // the SR-IOV CNI (spoofChk, trust, maxTxRate) are not in it: they stay out of the resource's name.
  // A VF bound to vfio-pci has no netdev in a pod for ovs-cni to take: its representor is the VMM's to plug.
  const bridge = representor === null || vfio ? undefined : localName(representor);
  const parts = ["sriovc", vfio ? "vfio" : isRdma ? "rdma" : "netdev"];
  if (bridge !== undefined) parts.push("ovs", bridge.replace(/[^A-Za-z0-9_]/g, "_"));
  // A vfio-pci representor VF's VLAN is its representor port's tag, not the SR-IOV CNI's VF VLAN, which a
  // PF in switchdev mode refuses (common.ts, representorVlan): it is no setting of the SriovNetwork.
  if (iface.vlan !== null && iface.vlan > 0 && (bridge !== undefined || representor === null)) parts.push(`vlan${iface.vlan}`);
  if (bridge === undefined) {
    if (!iface.spoofchk) parts.push("nospoof");
    if (iface.trust) parts.push("trust");
    if (iface.rateLimitBps !== null) parts.push(`max${Math.ceil(iface.rateLimitBps / 1e6)}m`);
  }
  return { resourceName: parts.join("_"), deviceType, isRdma, bridge, iface };
}

export function emitK8s(ir: Ir, options: { source?: string; namespace?: string } = {}): Emitted {
  const namespace = options.namespace ?? OPERATOR_NAMESPACE;
  const warnings: EmitWarning[] = switchdevUnsupported(ir, "eSwitchMode: switchdev");
  const pfs = new Map(ir.pfs.map((pf) => [pf.id, pf]));
  const kernel = kernelNames(ir.pfs);
  const boundToVfio = vfioBinding(ir);
  const nics = new Map(ir.nics.map((nic) => [nic.id, nic]));
  /** A host's node: its `node` where written, else its name. */
  const nodeOf = new Map(ir.hosts.map((host) => [host.id, host.node ?? host.id]));
  const groups = new Map<string, Group>();
  /** `pf id` → group resource name → VF indices. */
  const byPf = new Map<string, Map<string, number[]>>();
  for (const iface of ir.ifaces) {
    const a = iface.attachment;
    if (a.kind === "vdpa") {
      // The operator does make vDPA devices (`vdpaType`), but for pods; a VM's is libvirt's and the host's.
      warnings.push({
        span: iface.span,
        message: `\`${iface.id}\` is a VM's vDPA device: the operator's \`vdpaType\` gives pods vDPA devices, not VMs`,
        help: "it is left out of the Kubernetes objects; create it on the host (`vdpa dev add`) and give it to the VM as `<interface type='vdpa'>`",
      });
      continue;
    }
    if (a.kind !== "vf") {
      const what = a.kind === "vmdq" ? "a VMDq pool" : a.kind === "vswitch" ? "a vSwitch port" : "the PF itself";
      warnings.push({ span: iface.span, message: `\`${iface.id}\` uses ${what}: operator objects describe VFs only`, help: "it is left out of the Kubernetes objects; `--emit libvirt` or `--emit netplan` can express it" });
      continue;
    }
    const representor = iface.offload?.vswitch ?? null;
    const group = groupOf(iface, boundToVfio(iface), representor);
    if (representor !== null && group.bridge === undefined) {
      const vlan = iface.vlan !== null && iface.vlan > 0 ? iface.vlan : null;
      const pfRef = { name: kernel.get(a.pf)!, pci: pfs.get(a.pf)!.pci };
      warnings.push({
        span: iface.span,
        message: `\`${iface.id}\` is bound to vfio-pci and a representor port of vSwitch \`${localName(representor)}\`: operator objects do not plug its representor into the bridge${vlan === null ? "" : `, and its VLAN ${vlan} is that port's tag, not the SriovNetwork's (a PF in switchdev mode refuses a VF VLAN)`}`,
        help: `where the VM is started (OpenStack's os-vif does it for a switchdev port), plug into \`${localName(representor)}\` ${representorPhrase(pfRef, a.vf)}: \`ovs-vsctl add-port ${localName(representor)} "$(${representorNetdevCommand(pfRef, a.vf)})"${vlan === null ? "" : ` tag=${vlan}`}\``,
      });
    }
    if (group.bridge !== undefined && (!iface.spoofchk || iface.trust || iface.rateLimitBps !== null))
      warnings.push({
        span: iface.span,
        message: `\`${iface.id}\` is a representor port of OVS bridge \`${group.bridge}\`: an OVSNetwork has no spoof checking, trust or rate limit for its VF`,
        help: "they are left out; in switchdev mode the bridge's rules (security groups, QoS) stand for them",
      });
    if (!groups.has(group.resourceName)) groups.set(group.resourceName, group);
    const perPf = byPf.get(a.pf) ?? new Map<string, number[]>();
    byPf.set(a.pf, perPf);
    perPf.set(group.resourceName, [...(perPf.get(group.resourceName) ?? []), a.vf]);
    const pf = pfs.get(a.pf)!;
    if (iface.mtu !== pf.mtu)
      warnings.push({ span: iface.span, message: `\`${iface.id}\` has MTU ${iface.mtu} and its PF ${pf.mtu}: operator objects set one MTU per PF and its VFs`, help: `the policy sets ${pf.mtu}; set the interface's MTU inside the workload` });
    if (iface.rateLimitBps !== null && iface.rateLimitBps % 1e6 !== 0)
      warnings.push({ span: iface.span, message: `\`${iface.id}\`'s rate limit is not a whole number of Mbps`, help: `maxTxRate is in Mbps: ${Math.ceil(iface.rateLimitBps / 1e6)} is written` });
  }
  // The operator keeps one VF group per resource on a PF (api/v1/helper.go, mergeConfigs skips a group with
  // the same resourceName), and a policy one range per PF: a group whose VFs on a PF are not contiguous gets
  // a resource per run after the first (`…_2`, `…_3`), each with its SriovNetwork of the same settings.
  const resources = new Map<string, Group>(groups);
  const policyRuns: { pf: IrPf; run: [number, number]; group: Group; resourceName: string }[] = [];
  for (const pf of ir.pfs) {
    for (const [resourceName, vfs] of byPf.get(pf.id) ?? new Map<string, number[]>()) {
      const group = groups.get(resourceName)!;
      runs(vfs).forEach((run, index) => {
        const name = index === 0 ? resourceName : `${resourceName}_${index + 1}`;
        if (!resources.has(name)) resources.set(name, { ...group, resourceName: name });
        policyRuns.push({ pf, run, group, resourceName: name });
      });
    }
  }
  const docs: object[] = [];
  for (const group of [...resources.values()].sort((a, b) => (a.resourceName < b.resourceName ? -1 : 1))) {
    const i = group.iface;
    const spec: Record<string, unknown> = { resourceName: group.resourceName, networkNamespace: "default" };
    if (group.bridge !== undefined) {
      spec["bridge"] = group.bridge;
      if (i.vlan !== null && i.vlan > 0) spec["vlan"] = i.vlan;
      spec["ipam"] = "{}";
      docs.push({ apiVersion: OPERATOR_API_VERSION, kind: "OVSNetwork", metadata: { name: k8sName(group.resourceName), namespace }, spec });
      continue;
    }
    // A vfio-pci representor VF's group has no VLAN in its name: its VLAN is the representor port's tag.
    if (i.vlan !== null && i.vlan > 0 && i.offload === null) spec["vlan"] = i.vlan;
    spec["spoofChk"] = i.spoofchk ? "on" : "off";
    spec["trust"] = i.trust ? "on" : "off";
    if (i.rateLimitBps !== null) spec["maxTxRate"] = Math.ceil(i.rateLimitBps / 1e6);
    spec["ipam"] = "{}";
    docs.push({ apiVersion: OPERATOR_API_VERSION, kind: "SriovNetwork", metadata: { name: k8sName(group.resourceName), namespace }, spec });
  }
  for (const pf of ir.pfs) {
    if (pf.vfs === 0) continue;
    const perPf = byPf.get(pf.id) ?? new Map<string, number[]>();
    if (perPf.size === 0) {
      docs.push(policy(pf, undefined, `${pf.host}_${kernel.get(pf.id)!}_free`.replace(/[^A-Za-z0-9_]/g, "_"), "netdevice", false));
      continue;
    }
    for (const r of policyRuns) if (r.pf === pf) docs.push(policy(pf, r.run, r.resourceName, r.group.deviceType, r.group.isRdma));
  }
  const hostOfNode = new Map<string, string>();
  for (const host of ir.hosts) {
    if (!ir.pfs.some((pf) => pf.host === host.id && pf.vfs > 0)) continue;
    const node = nodeOf.get(host.id)!;
    const other = hostOfNode.get(node);
    if (other !== undefined)
      warnings.push({
        span: host.span,
        message: `\`${host.id}\` and \`${other}\` are both node \`${node}\`: the SriovNetworkNodePolicies of both select it, and the operator merges them on one node`,
        help: host.node === undefined ? `set \`node = "…"\` on \`${host.id}\` to its node's name` : "give each host its own `node`",
      });
    else hostOfNode.set(node, host.id);
    if (host.node !== undefined || isNodeName(host.id)) continue;
    warnings.push({
      span: host.span,
      message: `\`${host.id}\` is no Kubernetes node name (lowercase letters, digits, \`-\` and \`.\`): the nodeSelector \`${HOSTNAME_LABEL}: ${host.id}\` of its SriovNetworkNodePolicies selects no node`,
      help: "set `node = \"…\"` on the host to its node's name (a `.sriov` name holds no `.`, so an imported `worker-0.example.com` is `worker-0_example_com`)",
    });
  }
  const vmsByHost = new Map<string, number>();
  for (const vm of ir.vms) vmsByHost.set(vm.host, (vmsByHost.get(vm.host) ?? 0) + 1);
  for (const [host, count] of vmsByHost) {
    const first = ir.vms.find((vm) => vm.host === host)!;
    warnings.push({ span: first.span, message: `the vCPUs, pinning, NUMA node and memory of ${plural(count, "VM")} on \`${host}\` are not in operator objects`, help: "`--emit libvirt` writes them as domain XML" });
  }
  // A pod's hugepages are its pod spec's resources, which operator objects are not: said with what to write.
  for (const container of ir.containers) {
    if (container.hugepages === undefined) continue;
    const resource = `hugepages-${k8sQuantity(container.hugepages.pageBytes)}`;
    const amount = k8sQuantity(container.hugepages.totalBytes);
    warnings.push({
      span: container.span,
      message: `\`${container.id}\`'s hugepages are its pod's \`${resource}\` resource: a pod spec, which is not among operator objects`,
      help: `give the pod's container \`resources: {requests: {${resource}: ${amount}}, limits: {${resource}: ${amount}}}\` (requests equal to limits, beside its memory and CPU) and mount an \`emptyDir: {medium: HugePages}\` volume`,
    });
  }
  const kinds = docs.some((d) => (d as { kind: string }).kind === "OVSNetwork") ? "SriovNetworkNodePolicy, SriovNetwork and OVSNetwork" : "SriovNetworkNodePolicy and SriovNetwork";
  const header = `# Generated by sriovc compile --emit k8s${options.source ? ` from ${options.source}` : ""}: ${kinds} objects (docs/INTEROP.md).\n`;
  const text = header + docs.map((d) => `---\n${stringify(d, { lineWidth: 0, version: "1.1" })}`).join("");
  return { files: [{ path: "sriov-operator.yaml", text }], warnings };

  function policy(pf: IrPf, run: [number, number] | undefined, resourceName: string, deviceType: string, isRdma: boolean): object {
    const pfName = kernel.get(pf.id)!;
    const nicSelector: Record<string, unknown> = {};
    const ids = pciIdsOfModel(nics.get(pf.nic)?.model ?? "generic");
    if (ids.length > 0) nicSelector["vendor"] = ids[0]!.vendor;
    // The operator matches deviceID exactly, and a model is a family of boards (intel-e810: 8086:1592,
    // 1593, 159b…): the topology does not say which, and another board's id selects no interface.
    if (ids.length === 1) nicSelector["deviceID"] = ids[0]!.device;
    nicSelector["pfNames"] = [run === undefined ? pfName : `${pfName}#${run[0]}-${run[1]}`];
    if (pf.pci !== null) nicSelector["rootDevices"] = [pf.pci];
    const spec: Record<string, unknown> = {
      resourceName,
      nodeSelector: { [HOSTNAME_LABEL]: nodeOf.get(pf.host) ?? pf.host },
      numVfs: pf.vfs,
      mtu: pf.mtu,
      nicSelector,
      deviceType,
    };
    if (isRdma) spec["isRdma"] = true;
    // The mode lowering decided (src/semantics/switchdev.ts): the operator puts the PF in switchdev mode only
    // when asked (legacy is its default), and an offloading vSwitch's representor ports need it.
    if (pf.switchdev === true) spec["eSwitchMode"] = "switchdev";
    const name = k8sName(pf.host, pfName, run === undefined ? "vfs" : `vf${run[0]}-${run[1]}`);
    return { apiVersion: OPERATOR_API_VERSION, kind: "SriovNetworkNodePolicy", metadata: { name, namespace }, spec };
  }
}
