/**
 * sriov-network-operator objects → a `.sriov` program (docs/INTEROP.md, "Kubernetes").
 *
 * - `SriovNetworkNodeState` → a `host` per node with a `nic` per PCI device (`0000:3b:00` → `nic_3b_00`,
 *   the model from vendor/deviceID) and a `pf` per interface (`pci`, `speed`, `max_vfs` = totalvfs,
 *   `vfs` = numVfs, `mtu`).
 * - `SriovNetworkNodePolicy` → on each node its `nodeSelector` names (`kubernetes.io/hostname`; else every
 *   node of the node states), the PFs its `nicSelector` picks get `vfs` = numVfs and `mtu`; its VF range
 *   (`pfNames: [ens1f0#0-7]`, all VFs without a range) and `deviceType` make a pool of `resourceName`.
 * - `SriovNetwork` → one interface per VF of the pools of its `resourceName`, with its `vlan`, `spoofChk`,
 *   `trust` and `maxTxRate`: a host interface for `netdevice` VFs (a pod's network namespace is the
 *   host's kernel), a one-vCPU `vm` for `vfio-pci` VFs (a VM or DPDK workload).
 * Whatever has no `.sriov` construct is an `import-unmapped` warning at its line.
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Span } from "../../syntax/span.js";
import { HOSTNAME_LABEL, MAX_VF_INDEX, type DevicePluginResource, type NodeState, type OperatorObject, type Policy, type PfSelector } from "../k8s/objects.js";
import { entryFor, entryProblem, pickedVfs, pickPf, shown, stateVfFacts, type PluginSelectorEntry, type PluginSelectors, type PluginVf } from "../k8s/plugin-selectors.js";
import { defaultCatalogue } from "../../semantics/catalogue.js";
import { modelOfPciId, PORT_VARIANTS } from "../pci-ids.js";
import { isNodeName } from "../../domain/node-name.js";
import { attr, block, quote, sriovName, type GenBlock, type GenProgram } from "../writer.js";
import { linkSpeed, nicNameOfPci, pciAddress, UNMODELLED_VF, unmapped, where, type ImportResult } from "./common.js";
import { plural } from "../../domain/plural.js";
import { indexRuns } from "../../domain/index-runs.js";

interface PfBuild {
  readonly name: string;
  readonly nic: string;
  readonly block: GenBlock;
  pci: string | undefined;
  vendor: string | undefined;
  deviceID: string | undefined;
  altNames: readonly string[];
  numVfs: { value: number; span: Span } | undefined;
  /** What the node state says exists: its VFs (numVfs, else the Vfs it lists) and totalvfs. */
  state: { vfs: number; vfsSpan: Span; totalVfs: number | undefined; vfFacts: ReadonlyMap<number, PluginVf> | undefined } | undefined;
  /** The VF groups the policies applied so far give it, as the operator merges them (mergeConfigs). */
  groups: PolicyGroup[];
  mtu: number | undefined;
}

interface PolicyGroup {
  readonly policy: string;
  readonly priority: number;
  readonly resourceName: string | undefined;
  readonly vfs: readonly number[];
  readonly span: Span;
  readonly pool: Pool | undefined;
}

interface HostBuild {
  readonly name: string;
  readonly block: GenBlock;
  /** True when a node state listed the node's interfaces: a policy cannot add PFs to it then. */
  readonly inventory: boolean;
  readonly nics: Map<string, GenBlock>;
  readonly pfs: PfBuild[];
  readonly workloads: GenBlock[];
}

interface Pool {
  readonly host: HostBuild;
  readonly pf: PfBuild;
  readonly vfs: readonly number[];
  readonly deviceType: "netdevice" | "vfio-pci";
  readonly resourceName: string;
  readonly origin: Span;
  readonly source: string;
  /** `isRdma: true` on a netdevice pool: the VFs keep their netdevice and get an RDMA device (see rdmaUnmapped). */
  readonly rdma: boolean;
  usedBy: string | undefined;
}

/**
 * `isRdma: true` on VFs that keep their netdevice (a policy's `deviceType: netdevice`, a device plugin
 * selector): the pod gets the VF's RDMA device too, which it uses for RDMA (not modelled) or, on a ConnectX,
 * for DPDK on the kernel driver (mlx5's bifurcated model, which `--emit k8s` writes this way). Nothing in
 * the objects tells the two apart: the VFs are imported as kernel interfaces, the netdevice every such pod
 * has, and the warning says how to say DPDK (docs/INTEROP.md, "Decisions").
 */
function rdmaUnmapped(span: Span): Diagnostic {
  return unmapped(
    span,
    "`isRdma: true` on netdevice VFs: each VF keeps its netdevice and the pod gets its RDMA device too, for RDMA or, on a ConnectX, for DPDK on the kernel driver; the objects do not say which, and the VFs are imported as kernel interfaces",
    "RDMA traffic is not modelled; if the pods run DPDK on these VFs, write `driver = dpdk` on their interfaces (`--emit k8s` writes such a VF back as `netdevice` with `isRdma: true`)",
  );
}


export function importOperatorObjects(objects: readonly OperatorObject[], inputs: readonly string[]): ImportResult {
  const diagnostics: Diagnostic[] = [];
  const hosts = new Map<string, HostBuild>();
  const hostFor = (raw: string, origin: Span, comment: string, inventory: boolean): HostBuild => {
    let host = hosts.get(raw);
    if (host === undefined) {
      const name = sriovName(raw);
      host = { name, block: block("host", name, origin, [comment]), inventory, nics: new Map(), pfs: [], workloads: [] };
      // The node's own name where the host's cannot be it, so `--emit k8s` selects the same node again.
      if (name !== raw && isNodeName(raw)) attr(host.block, "node", quote(raw), origin);
      else if (name !== raw) host.block.comments.push(`node name: ${raw}`);
      hosts.set(raw, host);
    }
    return host;
  };
  const addPf = (host: HostBuild, pfName: string, pci: string | undefined, origin: Span): PfBuild => {
    const nicName = pci !== undefined ? nicNameOfPci(pci) : `nic_${sriovName(pfName)}`;
    let nic = host.nics.get(nicName);
    if (nic === undefined) {
      nic = block("nic", nicName, origin);
      host.nics.set(nicName, nic);
    }
    const pfBlock = block("pf", sriovName(pfName), origin);
    nic.members.push(pfBlock);
    const pf: PfBuild = { name: pfName, nic: nicName, block: pfBlock, pci, vendor: undefined, deviceID: undefined, altNames: [], numVfs: undefined, state: undefined, groups: [], mtu: undefined };
    host.pfs.push(pf);
    return pf;
  };
  const setModel = (host: HostBuild, pf: PfBuild, vendor: { value: string; span: Span } | undefined, device: { value: string; span: Span } | undefined): void => {
    if (vendor === undefined || device === undefined) return;
    pf.vendor = vendor.value;
    pf.deviceID = device.value;
    const nic = host.nics.get(pf.nic)!;
    const model = modelOfPciId(vendor.value, device.value);
    const existing = nic.members.find((m) => m.kind === "attr" && m.name === "model");
    if (existing?.kind === "attr" && model !== undefined && existing.value !== `"${model}"`)
      diagnostics.push(unmapped(device.span, `${pf.name} is a ${model} on the same PCI device as a ${existing.value} PF`, "a `.sriov` NIC has one model: the first PF's is kept"));
    else if (model !== undefined) attr(nic, "model", `"${model}"`, device.span);
    else if (model === undefined && !unknownModelNics.has(nic)) {
      unknownModelNics.add(nic);
      diagnostics.push(unmapped(device.span, `NIC ${vendor.value}:${device.value} is not in sriovc's NIC catalogue`, "it is modelled as `generic` (64 VFs per PF); add the model to data/nics.json to check its real limits"));
    }
  };
  const unknownModelNics = new Set<GenBlock>();

  // Node states first: they are the inventory policies select from.
  for (const object of objects) if (object.kind === "SriovNetworkNodeState") importNodeState(object);
  for (const host of hosts.values()) fitModelsToPorts(host);
  const pools: Pool[] = [];
  const nodeStateHosts = [...hosts.values()];
  // The operator applies policies lowest priority first (highest number; then by name), so on a PF the
  // higher priority's settings win: api/v1/helper.go, ByPriority and mergeConfigs.
  const policies = objects.filter((o): o is Policy => o.kind === "SriovNetworkNodePolicy");
  policies.sort((a, b) => priorityOf(b) - priorityOf(a) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const policy of policies) importPolicy(policy);
  for (const object of objects) if (object.kind === "DevicePluginResource") importPluginResource(object);
  for (const object of objects) {
    if (object.kind !== "SriovNetwork") continue;
    const resource = object.resourceName?.value;
    const matching = pools.filter((p) => p.resourceName === resource);
    let imported = false;
    for (const pool of matching) {
      if (pool.usedBy !== undefined) {
        diagnostics.push(
          unmapped(object.nameSpan, `SriovNetwork \`${object.name}\` shares resource \`${resource}\` with \`${pool.usedBy}\`: a \`.sriov\` VF has one setting`, `its VLAN and VF settings are not imported; the VFs of ${pool.pf.name} carry \`${pool.usedBy}\`'s`),
        );
        continue;
      }
      pool.usedBy = object.name;
      imported = true;
      for (const index of pool.vfs) {
        const name = sriovName(`${object.name}-${pool.pf.name}-vf${index}`);
        const iface = block("iface", pool.deviceType === "netdevice" ? name : "eth0", object.nameSpan);
        attr(iface, "attach", `vf(${pool.pf.nic}.${pool.pf.block.name}, ${index})`, pool.origin);
        if (object.vlan !== undefined && object.vlan.value > 0) attr(iface, "vlan", object.vlan.value, object.vlan.span);
        if (object.spoofChk !== undefined) attr(iface, "spoofchk", object.spoofChk.value === "off" ? "false" : "true", object.spoofChk.span);
        if (object.trust !== undefined) attr(iface, "trust", object.trust.value === "on" ? "true" : "false", object.trust.span);
        if (object.maxTxRate !== undefined && object.maxTxRate.value > 0) attr(iface, "rate_limit", `${object.maxTxRate.value}Mbps`, object.maxTxRate.span);
        if (pool.deviceType === "netdevice") {
          iface.comments.push(`VF ${index} of ${pool.pf.name} for SriovNetwork ${object.name} (${where(object.nameSpan)}), resource ${resource} (${pool.source})`);
          if (pool.rdma) iface.comments.push("with its RDMA device (isRdma): RDMA is not modelled; `driver = dpdk` if the pod runs DPDK on it");
          pool.host.workloads.push(iface);
        } else {
          const vm = block("vm", name, object.nameSpan, [`a vfio-pci workload on VF ${index} of ${pool.pf.name}: SriovNetwork ${object.name} (${where(object.nameSpan)}), resource ${resource} (${pool.source})`]);
          attr(vm, "vcpus", 1);
          vm.members.push(iface);
          pool.host.workloads.push(vm);
        }
      }
    }
    // VF settings a `.sriov` interface cannot hold, said once for the network whose VFs were imported
    // (however many PFs its resource spans).
    if (!imported) continue;
    if (object.minTxRate !== undefined && object.minTxRate.value > 0)
      diagnostics.push(unmapped(object.minTxRate.span, "`minTxRate` has no `.sriov` counterpart", UNMODELLED_VF.minimumRate.help("maxTxRate")));
    if (object.vlanQoS !== undefined && object.vlanQoS.value > 0)
      diagnostics.push(unmapped(object.vlanQoS.span, `\`vlanQoS: ${object.vlanQoS.value}\` has no \`.sriov\` counterpart`, UNMODELLED_VF.vlanPriority.help));
    if (object.vlanProto !== undefined && object.vlanProto.value.toLowerCase() !== "802.1q")
      diagnostics.push(unmapped(object.vlanProto.span, `\`vlanProto: ${object.vlanProto.value}\` has no \`.sriov\` counterpart${UNMODELLED_VF.serviceTag.consequence}`, UNMODELLED_VF.serviceTag.help));
    // `enable` (up even while the PF's link is down) is left alone: `.sriov` models the PF's link up.
    if (object.linkState?.value === "disable")
      diagnostics.push(unmapped(object.linkState.span, "`linkState: disable` has no `.sriov` counterpart: the VFs are imported with their link up", UNMODELLED_VF.linkDisabled.help));
  }

  for (const object of objects) {
    if (object.kind !== "NetworkAttachmentDefinition") continue;
    diagnostics.push(
      unmapped(
        object.nameSpan,
        `NetworkAttachmentDefinition \`${object.name}\` (SR-IOV CNI${object.settings.length > 0 ? `: ${object.settings.join(", ")}` : ""}) is not imported`,
        "sriovc reads the SriovNetwork the operator generates it from; with the device plugin alone, write its VFs' settings on `.sriov` interfaces: `vlan`, `spoofchk`, `trust`, `rate_limit`",
      ),
    );
  }

  for (const object of objects) {
    if (object.kind !== "SriovIBNetwork" && object.kind !== "OVSNetwork") continue;
    const on = `${object.kind} \`${object.name}\`${object.resourceName === undefined ? "" : ` on resource \`${object.resourceName.value}\``}`;
    diagnostics.push(
      object.kind === "SriovIBNetwork"
        ? unmapped(object.nameSpan, `${on} is not imported: InfiniBand VFs are not modelled`, "its VFs are imported without interfaces: `.sriov` models Ethernet VFs")
        : unmapped(
            object.nameSpan,
            `${on} is not imported: VFs in switchdev mode behind Open vSwitch (hardware offload, the ovs CNI) are not modelled`,
            "its VFs are imported without interfaces; to model the pods' ports, write them on a `vswitch` with `offload = true` and the PF as its uplink",
          ),
    );
  }

  const program: GenProgram = {
    header: [`Imported by sriovc import k8s from ${inputs.join(", ")}.`, "Each block names the object and line it came from; see docs/INTEROP.md for the mapping."],
    blocks: [],
  };
  for (const host of hosts.values()) {
    host.block.members.push(...host.nics.values(), ...host.workloads);
    program.blocks.push(host.block);
  }
  return { program, diagnostics };

  function importNodeState(state: NodeState): void {
    const host = hostFor(state.name || "node", state.nameSpan, `SriovNetworkNodeState ${state.name} (${where(state.nameSpan)})`, true);
    for (const iface of state.interfaces) {
      // The operator lists every NIC it finds, SR-IOV or not: one without totalvfs and VFs is no PF.
      if (iface.totalVfs === undefined && iface.numVfs === undefined && iface.vfs.length === 0) continue;
      const pci = pciAddress(iface.pciAddress?.value);
      const pf = addPf(host, iface.name.value, pci, iface.name.span);
      pf.altNames = iface.altNames;
      if (iface.name.value !== pf.block.name) pf.block.comments.push(`interface ${iface.name.value}`);
      setModel(host, pf, iface.vendor, iface.deviceID);
      if (pci !== undefined) attr(pf.block, "pci", pci, iface.pciAddress!.span);
      const speed = iface.linkSpeed === undefined ? undefined : linkSpeed(iface.linkSpeed.value);
      if (speed !== undefined) attr(pf.block, "speed", speed, iface.linkSpeed!.span);
      if (iface.totalVfs !== undefined) attr(pf.block, "max_vfs", iface.totalVfs.value, iface.totalVfs.span);
      if (iface.numVfs !== undefined) attr(pf.block, "vfs", iface.numVfs.value, iface.numVfs.span);
      if (iface.mtu !== undefined) attr(pf.block, "mtu", iface.mtu.value, iface.mtu.span);
      // The operator leaves numVfs out when it is 0; a dump cut short may list VFs without it.
      const vfs = iface.numVfs?.value ?? iface.vfs.length;
      pf.state = { vfs, vfsSpan: iface.numVfs?.span ?? iface.name.span, totalVfs: iface.totalVfs?.value, vfFacts: stateVfFacts(iface.vfs) };
      if (iface.eSwitchMode?.value === "switchdev")
        diagnostics.push(unmapped(iface.eSwitchMode.span, "`eSwitchMode: switchdev` has no `.sriov` counterpart", "the PF is modelled in legacy mode: its VFs bypass the host's vSwitch"));
    }
  }

  /**
   * A node state lists the PFs that exist: more PFs on one PCI device than the catalogue model has ports
   * is a board the first model does not describe, not a mistake. An XL710 QSFP+ (8086:1584) with four PFs is
   * the XL710 in 4 x 10 GbE mode (PORT_VARIANTS); any other (a four-port E810-XXVDA4 under the E810's ids)
   * becomes `generic`, said at its first PF past the ports.
   */
  function fitModelsToPorts(host: HostBuild): void {
    const catalogue = defaultCatalogue().models;
    for (const [nicName, nic] of host.nics) {
      const index = nic.members.findIndex((m) => m.kind === "attr" && m.name === "model");
      const model = index === -1 ? undefined : nic.members[index];
      if (model?.kind !== "attr") continue;
      const id = model.value.replace(/"/g, "");
      const ports = catalogue.get(id)?.ports;
      const pfs = host.pfs.filter((pf) => pf.nic === nicName);
      if (ports === undefined || pfs.length <= ports) continue;
      const variant = PORT_VARIANTS.get(id)?.find((v) => (catalogue.get(v)?.ports ?? 0) >= pfs.length);
      if (variant !== undefined) {
        nic.members[index] = { ...model, value: `"${variant}"` };
        nic.comments.push(`${pfs.length} PFs of ${pfs[0]!.vendor ?? "?"}:${pfs[0]!.deviceID ?? "?"} on one device: ${variant}, not the ${ports}-port ${id}`);
        continue;
      }
      nic.members.splice(index, 1);
      const extra = pfs[ports]!;
      diagnostics.push(
        unmapped(
          extra.block.origin ?? model.origin!,
          `the node state lists ${pfs.length} PFs of ${extra.vendor ?? "?"}:${extra.deviceID ?? "?"} on one PCI device, and sriovc's ${id} has ${ports} ports (a port split into several, or a board with more ports)`,
          "the NIC is modelled as `generic` (its limits are not checked); add the board to data/nics.json to check them",
        ),
      );
      nic.comments.push(`model ${model.value} has ${ports} ports, the node lists ${pfs.length} PFs: generic`);
    }
  }

  function targetHosts(policy: Policy): HostBuild[] {
    const hostname = policy.nodeSelector.get(HOSTNAME_LABEL);
    if (hostname !== undefined) return [hostFor(hostname.value, hostname.span, `node of SriovNetworkNodePolicy ${policy.name} (${where(hostname.span)})`, false)];
    if (nodeStateHosts.length > 0) return nodeStateHosts;
    const labels = [...policy.nodeSelector].map(([k, v]) => `${k}=${v.value}`).join(", ");
    return [hostFor("nodes", policy.nodeSelectorSpan, `the nodes that match ${labels || "every node"} (nodeSelector of SriovNetworkNodePolicy ${policy.name}, ${where(policy.nodeSelectorSpan)})`, false)];
  }

  /** The PFs a policy's nicSelector picks on a node, as the operator matches them (its own rules, not the device plugin's). */
  function selectPfs(host: HostBuild, selector: Policy["nicSelector"], origin: Span): { pf: PfBuild; entry: PfSelector | undefined }[] {
    const out: { pf: PfBuild; entry: PfSelector | undefined }[] = [];
    const roots = selector.rootDevices.map((r) => r.value);
    const matches = (pf: PfBuild): boolean =>
      (selector.vendor === undefined || pf.vendor === undefined || pf.vendor === selector.vendor.value) &&
      (selector.deviceID === undefined || pf.deviceID === undefined || pf.deviceID === selector.deviceID.value) &&
      (roots.length === 0 || (pf.pci !== undefined && roots.includes(pf.pci)));
    if (selector.pfNames.length > 0) {
      for (const entry of selector.pfNames) {
        let pf = host.pfs.find((p) => p.name === entry.pf || p.altNames.includes(entry.pf));
        if (pf === undefined && !host.inventory) {
          pf = addPf(host, entry.pf, roots.length === 1 && selector.pfNames.length === 1 ? pciAddress(roots[0]) : undefined, entry.span);
          if (pf.pci !== undefined) attr(pf.block, "pci", pf.pci, selector.rootDevices[0]!.span);
          setModel(host, pf, selector.vendor, selector.deviceID);
        }
        if (pf !== undefined && matches(pf)) out.push({ pf, entry });
      }
    } else if (host.inventory) {
      for (const pf of host.pfs) if (matches(pf)) out.push({ pf, entry: undefined });
    } else if (roots.length > 0) {
      for (const [i, root] of roots.entries()) {
        const pci = pciAddress(root);
        let pf = host.pfs.find((p) => p.pci === pci);
        if (pf === undefined) {
          pf = addPf(host, `pf_${pci?.replace(/[:.]/g, "_") ?? i}`, pci, selector.rootDevices[i]!.span);
          if (pci !== undefined) attr(pf.block, "pci", pci, selector.rootDevices[i]!.span);
          setModel(host, pf, selector.vendor, selector.deviceID);
        }
        out.push({ pf, entry: undefined });
      }
    } else {
      diagnostics.push(unmapped(origin, "this nicSelector names no PF by name or PCI address, and no node state lists the node's interfaces", "give the SriovNetworkNodeState of the node too (kubectl get sriovnetworknodestates -o yaml), or `pfNames`"));
    }
    return out;
  }

  function importPolicy(policy: Policy): void {
    const deviceType = policy.deviceType?.value === "vfio-pci" ? "vfio-pci" : "netdevice";
    const priority = priorityOf(policy);
    for (const host of targetHosts(policy)) {
      for (const { pf, entry } of selectPfs(host, policy.nicSelector, policy.nicSelector.span)) {
        const numVfs = policy.numVfs;
        const count = numVfs?.value ?? 0;
        // No PF has more VFs than MAX_VF_INDEX + 1 (TotalVFs is 16 bits): a larger count is not turned into
        // one VF index each (100000000 of them exhausted the memory).
        if (entry?.vfs == null && count > MAX_VF_INDEX + 1)
          diagnostics.push(unmapped(numVfs!.span, `\`numVfs: ${count}\` is more VFs than a PF can have (${MAX_VF_INDEX + 1}): no VF of ${pf.name} is imported`, "the operator refuses it against the node's totalvfs; give the number of VFs the PF has"));
        const vfs = entry?.vfs ?? (count > MAX_VF_INDEX + 1 ? [] : Array.from({ length: count }, (_, i) => i));
        const origin = entry?.span ?? policy.nicSelector.span;
        const source = `SriovNetworkNodePolicy ${policy.name}, ${where(policy.nameSpan)}`;
        // mergeConfigs: the groups of earlier (lower-priority) policies stay only where they are another
        // resource's and do not overlap this range; the PF's numVfs and MTU are then the larger ones, unless
        // this policy outranks them all and nothing stayed: then they are this policy's.
        const equal = pf.groups.every((g) => g.priority === priority);
        const kept = pf.groups.filter((g) => g.resourceName !== policy.resourceName?.value && !rangesOverlap(g.vfs, vfs));
        for (const dropped of pf.groups.filter((g) => !kept.includes(g))) {
          if (dropped.pool !== undefined) pools.splice(pools.indexOf(dropped.pool), 1);
          diagnostics.push(
            unmapped(
              dropped.span,
              `${dropped.policy}'s VFs ${indexRuns(dropped.vfs)} of ${pf.name} on \`${host.name}\` are taken over by ${policy.name} (${dropped.resourceName === policy.resourceName?.value ? "the same resource" : "an overlapping range"}${priority === dropped.priority ? "" : `, priority ${priority} over ${dropped.priority}`})`,
              "the operator keeps the VF group of the policy it applies last (the higher priority, a lower number; then the later name): this one's VFs are not imported",
            ),
          );
        }
        const replace = !equal && kept.length === 0;
        if (numVfs !== undefined) {
          if (!replace && pf.numVfs !== undefined && pf.numVfs.value !== numVfs.value)
            diagnostics.push(unmapped(numVfs.span, `policies ask ${pf.name} for ${pf.numVfs.value} and ${numVfs.value} VFs`, "the operator creates the larger number; sriovc takes it too"));
          if (replace || pf.numVfs === undefined || numVfs.value > pf.numVfs.value) {
            pf.numVfs = numVfs;
            attr(pf.block, "vfs", numVfs.value, numVfs.span);
            // Without a node state the PF's totalvfs is unknown: the catalogue's guess must not raise an error.
            if (!host.inventory) attr(pf.block, "max_vfs", numVfs.value, numVfs.span);
          }
        }
        if (policy.mtu !== undefined && (replace || pf.mtu === undefined || policy.mtu.value > pf.mtu)) {
          pf.mtu = policy.mtu.value;
          attr(pf.block, "mtu", policy.mtu.value, policy.mtu.span);
        }
        let pool: Pool | undefined;
        if (policy.resourceName !== undefined) {
          pool = { host, pf, vfs, deviceType, resourceName: policy.resourceName.value, origin, source, rdma: deviceType === "netdevice" && policy.isRdma?.value === true, usedBy: undefined };
          pools.push(pool);
        }
        pf.groups = [{ policy: policy.name, priority, resourceName: policy.resourceName?.value, vfs, span: origin, pool }, ...kept];
      }
    }
    if (policy.eSwitchMode?.value === "switchdev")
      diagnostics.push(unmapped(policy.eSwitchMode.span, "`eSwitchMode: switchdev` has no `.sriov` counterpart", "the PF is modelled in legacy mode: its VFs bypass the host's vSwitch"));
    // With vfio-pci the webhook refuses the policy (`sriovc check`: policy-device-type-conflict); its VFs are imported as vfio-pci ones.
    if (policy.isRdma?.value === true && deviceType === "netdevice") diagnostics.push(rdmaUnmapped(policy.isRdma.span));
  }

  /**
   * A device plugin pool's VFs are vfio-pci ones when its selector's `drivers` names vfio-pci and nothing
   * else: the plugin has no vfio device type (its `deviceType` is `netDevice`, the default, `accelerator` or
   * `auxNetDevice`); it takes the VFs bound to the drivers listed, and the VFs bound to vfio-pci have no
   * netdevice (the plugin's README, "Config parameters" and its DPDK example `intel_sriov_dpdk`). A pool
   * that also takes kernel drivers' VFs is imported as kernel interfaces, said at its `drivers`.
   */
  function pluginDeviceType(resource: DevicePluginResource): Pool["deviceType"] {
    const vfio = resource.drivers.filter((d) => d.value === "vfio-pci");
    if (vfio.length === 0) return "netdevice";
    const kernel = resource.drivers.filter((d) => d.value !== "vfio-pci");
    if (kernel.length === 0) return "vfio-pci";
    diagnostics.push(
      unmapped(
        vfio[0]!.span,
        `device plugin resource \`${resource.name}\` takes VFs bound to vfio-pci and to ${kernel.map((d) => `\`${d.value}\``).join(", ")}: a \`.sriov\` pool is one or the other, and its VFs are imported as kernel interfaces`,
        "give vfio-pci VFs a resource of their own (`\"drivers\": [\"vfio-pci\"]`), as the device plugin's DPDK example does",
      ),
    );
    return "netdevice";
  }

  /**
   * A device plugin resource's VFs: on each node, the PFs its `pfNames` and `rootDevices` pick and the VFs
   * of each they keep, as the plugin decides it (../k8s/plugin-selectors.ts). A node without a node state
   * gets the PFs the entries name (by name; by address when there is no `pfNames`), and the VFs the ranges
   * name, as the PF's count is unknown.
   */
  function importPluginResource(resource: DevicePluginResource): void {
    const selectors = resource.selectors;
    if (selectors.pfNames.length === 0 && selectors.rootDevices.length === 0) {
      diagnostics.push(
        unmapped(
          resource.nameSpan,
          `device plugin resource \`${resource.name}\` names no PF in \`pfNames\` or \`rootDevices\`: sriovc imports a device plugin pool only from the PFs they name, and imports no VF of it`,
          "name its PFs and VF ranges in `pfNames` (`ens1f0#0-7`) or `rootDevices` (`0000:18:00.0#0-7`) to import its VFs",
        ),
      );
      return;
    }
    const hosts = nodeStateHosts.length > 0 ? nodeStateHosts : [hostFor("node", resource.nameSpan, `the node running the device plugin (config.json, ${where(resource.nameSpan)})`, false)];
    const deviceType = pluginDeviceType(resource);
    const said = new Set<PluginSelectorEntry>();
    let picked = false;
    for (const h of hosts) {
      if (!h.inventory) addPluginPfs(h, selectors);
      for (const pf of h.pfs) {
        const pick = pickPf(selectors, { name: pf.name, pci: pf.pci, vendor: pf.vendor, vfs: pf.state?.vfFacts });
        if (pick === undefined) continue;
        picked = true;
        const entry = (pick.pfName ?? pick.rootDevice)!;
        for (const e of [pick.pfName, pick.rootDevice]) {
          const problem = e === undefined || said.has(e) ? undefined : entryProblem(e);
          if (problem === undefined) continue;
          said.add(e!);
          // `sriovc check` says it as an error (plugin-vf-range-invalid).
          diagnostics.push(unmapped(e!.span, `\`${shown(e!.raw)}\`: ${problem}; the import follows it for \`${resource.name}\``, `write the VFs as \`${shown(e!.key)}#first-last\` or \`${shown(e!.key)}#0,2-7\``));
        }
        let source = `device plugin resource ${resource.name}, ${where(resource.nameSpan)}`;
        const has = pf.numVfs?.value ?? pf.state?.vfs;
        // The VFs the entries name, whether or not the PF has them; null when they take every VF.
        const named = pick.everyVf ? null : pickedVfs(pick, MAX_VF_INDEX + 1);
        let vfs: number[];
        if (named === null) {
          // A PF named without a range takes every VF it has: what the node state lists, when one does.
          const state = pf.state;
          if (state === undefined) {
            diagnostics.push(
              unmapped(entry.span, `\`${shown(entry.raw)}\` takes every VF of ${pf.name}, and config.json does not say how many there are: no VF of it is imported for \`${resource.name}\``, `write the range the resource takes (\`${shown(entry.key)}#0-7\`), or give the node's SriovNetworkNodeState`),
            );
            continue;
          }
          if (state.vfs === 0) {
            diagnostics.push(
              unmapped(
                entry.span,
                `\`${shown(entry.raw)}\` takes every VF of ${pf.name}, and the node state of \`${h.name}\` lists none (no numVfs${state.totalVfs === undefined ? "" : `, totalvfs ${state.totalVfs}`}): \`${resource.name}\` gets no VF of it`,
                `create its VFs (a SriovNetworkNodePolicy's numVfs), or name another PF`,
              ),
            );
            continue;
          }
          // A node state's count is bounded like a policy's numVfs (see importPolicy).
          vfs = pickedVfs(pick, Math.min(state.vfs, MAX_VF_INDEX + 1));
          source += `; every VF of ${pf.name}: the ${state.vfs} its node state lists (${where(state.vfsSpan)})`;
        } else if (has === undefined && named.length > MAX_GUESSED_VFS) {
          diagnostics.push(
            unmapped(entry.span, `\`${shown(entry.raw)}\` names ${named.length} VFs of ${pf.name}, and no node state says how many it has: no VF of it is imported for \`${resource.name}\``, `give the node's SriovNetworkNodeState, or write the range the PF has (\`${shown(entry.key)}#0-7\`)`),
          );
          continue;
        } else if (has === undefined) {
          // No node state and no policy says how many VFs the PF has: the ranges name them, so it has at
          // least those (the PF is written with as many, as a policy's numVfs would be).
          vfs = named;
          if (vfs.length > 0) {
            const count = vfs[vfs.length - 1]! + 1;
            pf.numVfs = { value: count, span: entry.span };
            attr(pf.block, "vfs", count, entry.span);
            attr(pf.block, "max_vfs", count, entry.span);
            pf.block.comments.push(`${plural(count, "VF")}: as many as \`${shown(entry.raw)}\` names (no node state gives the PF's count)`);
          }
        } else {
          vfs = named.filter((v) => v < has);
          // The plugin finds only the VFs the PF has: a range past them is imported as far as they go, and
          // `sriovc check` reports the rest at the range (plugin-vf-range-invalid).
          const missing = named.filter((v) => v >= has);
          if (missing.length > 0)
            diagnostics.push(
              unmapped(
                entry.span,
                `\`${shown(entry.raw)}\` takes VF${missing.length === 1 ? "" : "s"} ${indexRuns(missing)} of ${pf.name} on \`${h.name}\`, which has ${plural(has, "VF")}: ${missing.length === 1 ? "it is" : "they are"} not imported for \`${resource.name}\``,
                has === 0 ? "create the PF's VFs (a SriovNetworkNodePolicy's numVfs), or name another PF" : `end the range at VF ${has - 1}, or create more VFs (a SriovNetworkNodePolicy's numVfs)`,
              ),
            );
        }
        // VFs the entries keep that a selector on their own values drops (the node state's driver, …).
        const dropped = new Map<string, number[]>();
        for (let vf = 0; vf < Math.min(has ?? 0, MAX_VF_INDEX + 1); vf++) {
          const by = pick.entriesKeep(vf) ? pick.droppedBy(vf) : undefined;
          if (by !== undefined) dropped.set(`the node state gives the ${by.what} ${by.value}, which \`${by.selector}\` does not name`, [...(dropped.get(`the node state gives the ${by.what} ${by.value}, which \`${by.selector}\` does not name`) ?? []), vf]);
        }
        for (const [why, left] of dropped)
          diagnostics.push(unmapped(entry.span, `VF${left.length === 1 ? "" : "s"} ${indexRuns(left)} of ${pf.name} on \`${h.name}\` ${left.length === 1 ? "is" : "are"} not imported for \`${resource.name}\`: ${why}`, "the device plugin pools only the VFs every selector keeps: the node state's VF list says what it reads of each"));
        if (resource.resourceName !== undefined && vfs.length > 0)
          pools.push({ host: h, pf, vfs, deviceType, resourceName: resource.resourceName.value, origin: entry.span, source, rdma: deviceType === "netdevice" && resource.isRdma?.value === true, usedBy: undefined });
      }
    }
    if (picked && resource.isRdma?.value === true && deviceType === "netdevice") diagnostics.push(rdmaUnmapped(resource.isRdma.span));
    if (!picked)
      diagnostics.push(
        unmapped(resource.nameSpan, `the selectors of device plugin resource \`${resource.name}\` pick no PF of the nodes given: no VF is imported for it`, "`sriovc check` on the same files says which PFs the nodes have (plugin-selects-no-vf)"),
      );
  }

  /**
   * On a node no node state lists, the PFs a resource's entries name: one per `pfNames` name (with the
   * address of the one `rootDevices` entry when both name a single PF), else one per `rootDevices` address.
   * A PF already there (a policy's, another resource's) is matched as the plugin matches it.
   */
  function addPluginPfs(host: HostBuild, selectors: PluginSelectors): void {
    const single = selectors.pfNames.length === 1 && selectors.rootDevices.length === 1 ? pciAddress(selectors.rootDevices[0]!.key) : undefined;
    if (selectors.pfNames.length > 0) {
      for (const entry of selectors.pfNames) {
        if (entry.key === "" || host.pfs.some((p) => entryFor([entry], p.name) !== undefined)) continue;
        const pf = addPf(host, entry.key, single, entry.span);
        if (single !== undefined) attr(pf.block, "pci", single, selectors.rootDevices[0]!.span);
      }
      return;
    }
    for (const entry of selectors.rootDevices) {
      const pci = pciAddress(entry.key);
      if (pci === undefined || host.pfs.some((p) => p.pci === pci)) continue;
      const pf = addPf(host, `pf_${pci.replace(/[:.]/g, "_")}`, pci, entry.span);
      attr(pf.block, "pci", pci, entry.span);
    }
  }
}

/**
 * The most VFs a range may name for a PF whose count no node state gives: as many as a policy's range may
 * span (../k8s/objects.ts, parsePfSelector). A bound on what the import writes (one block per VF), not a NIC's
 * limit: `ens1f0#0-65534` without a node state would be 65,535 interfaces.
 */
const MAX_GUESSED_VFS = 4096;

/** A policy's priority: 0 (highest) to 99; the operator's mutating webhook writes 99 when it is left out (pkg/webhook/mutate.go, defaultPriorityPatch). */
function priorityOf(policy: Policy): number {
  return policy.priority?.value ?? 99;
}

/** The operator's isVFRangeOverlapping: two VF ranges share an index (ranges by their first and last). */
function rangesOverlap(a: readonly number[], b: readonly number[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  return Math.max(Math.min(...a), Math.min(...b)) <= Math.min(Math.max(...a), Math.max(...b));
}

