/**
 * The sriov-network-operator's admission-webhook checks, ported (pkg/webhook/validate.go of
 * github.com/k8snetworkplumbingwg/sriov-network-operator at 249e20012faf17b4f38057f29608bde2b21c5c9a; each
 * rule page names the function it mirrors), and the mistakes the webhook lets through. They run on the
 * operator objects as read (every diagnostic is located in the YAML) against an inventory of the nodes'
 * PFs: the `SriovNetworkNodeState`s given, and the hosts of the `.sriov` programs checked with them.
 */
import { diagnostic, type Diagnostic, type RelatedSpan } from "../../diagnostics/diagnostic.js";
import { kubernetesNode, type Topology } from "../../semantics/model.js";
import { representorVswitch } from "../../semantics/switchdev.js";
import type { Span } from "../../syntax/span.js";
import { HOSTNAME_LABEL, MAX_VF_INDEX, type DevicePluginResource, type NicSelector, type NodeState, type OperatorObject, type Policy } from "../k8s/objects.js";
import { kernelNames } from "../emit/common.js";
import { MELLANOX_VENDOR, pciIdsOfModel } from "../pci-ids.js";
import { checkPluginRanges } from "./plugin-ranges.js";
import { stateVfFacts, type PluginVf } from "../k8s/plugin-selectors.js";
import { checkPluginSelectsNoVf } from "./plugin-no-vf.js";
import { indexRuns } from "../../domain/index-runs.js";

/** validate.go `MlxMaxVFs`: the webhook's bound for Mellanox PFs, whatever their totalvfs. */
export const MLX_MAX_VFS = 128;

export interface InventoryPf {
  readonly name: string;
  readonly altNames: readonly string[];
  readonly pci: string | undefined;
  readonly vendor: string | undefined;
  /** The PF's PCI device ids: a node state's one, or every id of a `.sriov` NIC's model; empty when unknown. */
  readonly deviceIDs: readonly string[];
  readonly totalVfs: number | undefined;
  readonly totalVfsSpan: Span | undefined;
  readonly mtu: number | undefined;
  readonly mtuSpan: Span | undefined;
  readonly externallyManaged: boolean;
  readonly numVfs: number | undefined;
  /**
   * The VFs the PF has, as the device plugin finds them: a node state's numVfs, else the VFs it lists, else
   * none (the operator leaves numVfs out when it is 0); a `.sriov` PF's `vfs`. `said` is how the message
   * names where the count comes from, `span` where it is written. Undefined for a PF known only by name.
   */
  readonly vfs: { readonly count: number; readonly said: string; readonly span: Span } | undefined;
  /** What a node state says of each VF (its `Vfs`, by `vfID`): what the device plugin's VF selectors read. */
  readonly vfFacts: ReadonlyMap<number, PluginVf> | undefined;
  /** The `.sriov` PF id, when the PF comes from a `.sriov` program. */
  readonly modelPf: string | undefined;
  readonly span: Span;
}

export type Inventory = ReadonlyMap<string, readonly InventoryPf[]>;

/** The nodes' PFs: node states first, then the hosts of `.sriov` models (by the node each is: `kubernetesNode`). */
export function buildInventory(objects: readonly OperatorObject[], models: readonly Topology[]): Inventory {
  const inventory = new Map<string, InventoryPf[]>();
  for (const state of objects.filter((o): o is NodeState => o.kind === "SriovNetworkNodeState")) {
    const pfs = inventory.get(state.name) ?? [];
    for (const i of state.interfaces) {
      pfs.push({
        name: i.name.value,
        altNames: i.altNames,
        pci: i.pciAddress?.value.toLowerCase(),
        vendor: i.vendor?.value,
        deviceIDs: i.deviceID === undefined ? [] : [i.deviceID.value],
        totalVfs: i.totalVfs?.value,
        totalVfsSpan: i.totalVfs?.span,
        mtu: i.mtu?.value,
        mtuSpan: i.mtu?.span,
        externallyManaged: i.externallyManaged,
        numVfs: i.numVfs?.value,
        vfs: {
          count: i.numVfs?.value ?? i.vfs.length,
          said: `its node state ${i.numVfs !== undefined ? `gives it ${i.numVfs.value} (numVfs)` : i.vfs.length > 0 ? `lists ${i.vfs.length} (no numVfs)` : `lists none (no numVfs${i.totalVfs === undefined ? "" : `, totalvfs ${i.totalVfs.value}`})`}`,
          span: i.numVfs?.span ?? i.name.span,
        },
        vfFacts: stateVfFacts(i.vfs),
        modelPf: undefined,
        span: i.name.span,
      });
    }
    inventory.set(state.name, pfs);
  }
  for (const model of models) {
    // PFs by the kernel name deployable config gives them (`NIC_PF` where two NICs share a PF name).
    const kernel = kernelNames(model.pfs);
    for (const host of model.hosts) {
      // Policies select nodes by `kubernetes.io/hostname`: a host whose name no node can have says its node with `node`.
      const node = kubernetesNode(host);
      if (inventory.has(node)) continue;
      inventory.set(
        node,
        host.nics.flatMap((nic) =>
          nic.pfs.map((pf) => {
            // A model is a family of boards with one vendor and several device ids (8086:1592, 1593, 159b…
            // are all E810s): a policy naming any of them selects the PF.
            const ids = pciIdsOfModel(nic.model.id);
            return {
              name: kernel.get(pf.id) ?? pf.name,
              altNames: [],
              pci: pf.pci ?? undefined,
              vendor: ids[0]?.vendor,
              deviceIDs: ids.map((id) => id.device),
              totalVfs: pf.maxVfs,
              totalVfsSpan: pf.spans.attrs["max_vfs"] ?? pf.spans.name,
              mtu: pf.mtu,
              mtuSpan: pf.spans.attrs["mtu"] ?? pf.spans.name,
              externallyManaged: false,
              numVfs: pf.vfs,
              vfs: { count: pf.vfs, said: `its \`.sriov\` host enables ${pf.vfs} (\`vfs = ${pf.vfs}\`)`, span: pf.spans.attrs["vfs"] ?? pf.spans.name },
              vfFacts: undefined,
              modelPf: pf.id,
              span: pf.spans.name,
            };
          }),
        ),
      );
    }
  }
  return inventory;
}

/** validate.go `validateNicModel`: every criterion the selector sets must match. */
export function selects(selector: NicSelector, pf: InventoryPf): boolean {
  if (selector.vendor !== undefined && pf.vendor !== undefined && selector.vendor.value !== pf.vendor) return false;
  if (selector.deviceID !== undefined && pf.deviceIDs.length > 0 && !pf.deviceIDs.includes(selector.deviceID.value)) return false;
  if (selector.rootDevices.length > 0 && (pf.pci === undefined || !selector.rootDevices.some((r) => r.value === pf.pci))) return false;
  if (selector.pfNames.length > 0 && !selector.pfNames.some((p) => p.pf === pf.name || pf.altNames.includes(p.pf))) return false;
  return selector.vendor !== undefined || selector.deviceID !== undefined || selector.rootDevices.length > 0 || selector.pfNames.length > 0;
}

/** The nodes a policy applies to: its `kubernetes.io/hostname`, else every node of the inventory. */
function targets(policy: Policy, inventory: Inventory): string[] {
  const hostname = policy.nodeSelector.get(HOSTNAME_LABEL)?.value;
  if (hostname !== undefined) return inventory.has(hostname) ? [hostname] : [];
  return [...inventory.keys()];
}

/** The VF indices a selector entry (or the whole PF) claims, as the operator reads them. */
function claimed(policy: Policy, pfName: string, pf: InventoryPf): { vfs: Set<number>; span: Span } | undefined {
  const entry = policy.nicSelector.pfNames.find((p) => p.pf === pfName || pf.altNames.includes(p.pf));
  const count = policy.numVfs?.value ?? 0;
  if (entry?.vfs !== undefined && entry.vfs !== null) return { vfs: new Set(entry.vfs), span: entry.span };
  // A count no PF can have (TotalVFs is 16 bits) is not turned into indices; numVfs is reported against totalvfs.
  if (entry?.error !== undefined || count > MAX_VF_INDEX + 1) return undefined;
  return { vfs: new Set(Array.from({ length: count }, (_, i) => i)), span: entry?.span ?? policy.nicSelector.span };
}

export interface OperatorCheckInput {
  readonly objects: readonly OperatorObject[];
  readonly inventory: Inventory;
  readonly models: readonly Topology[];
}

export function checkOperatorObjects(input: OperatorCheckInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (rule: string, severity: "error" | "warning", span: Span, message: string, help: string, related: RelatedSpan[] = []): void => {
    out.push(diagnostic(rule, severity, span, message, { help, related }));
  };
  const policies = input.objects.filter((o): o is Policy => o.kind === "SriovNetworkNodePolicy");
  const resources = input.objects.filter((o): o is DevicePluginResource => o.kind === "DevicePluginResource");

  for (const policy of policies) {
    const numVfs = policy.numVfs;
    // staticValidateSriovNetworkNodePolicy: the VF range of each pfNames entry.
    for (const entry of policy.nicSelector.pfNames) {
      if (entry.error !== undefined) {
        report("policy-vf-range-invalid", "error", entry.span, `\`${entry.raw}\`: ${entry.error}`, "write the VF range as `pf#first-last`, e.g. `ens1f0#0-7`");
      } else if (entry.commaForm) {
        report("policy-vf-range-invalid", "error", entry.span, `\`${entry.raw}\`: the operator's webhook accepts one range \`#first-last\`, not a list`, "the device plugin's config.json takes `#0,2-7`; a policy needs one policy per range (`#0-0` and `#2-7`)");
      } else if (entry.vfs !== null && numVfs !== undefined && entry.vfs[entry.vfs.length - 1]! >= numVfs.value) {
        const last = entry.vfs[entry.vfs.length - 1]!;
        report("policy-vf-range-invalid", "error", entry.span, `\`${entry.raw}\` ends at VF ${last}, but \`numVfs: ${numVfs.value}\` creates VFs 0–${numVfs.value - 1}`, `raise \`numVfs\` to ${last + 1}, or end the range at VF ${numVfs.value - 1}`, [{ span: numVfs.span, message: "numVfs set here" }]);
      }
    }
    // staticValidateSriovNetworkNodePolicy: device type, RDMA, link type, vDPA combinations.
    const deviceType = policy.deviceType?.value ?? "netdevice";
    if (deviceType === "vfio-pci" && policy.isRdma?.value === true)
      report("policy-device-type-conflict", "error", policy.isRdma.span, "`isRdma: true` conflicts with `deviceType: vfio-pci`", "for RDMA on the host set `deviceType: netdevice`; a VM gets RDMA through vfio-pci with `isRdma: false`", policy.deviceType ? [{ span: policy.deviceType.span, message: "deviceType set here" }] : []);
    if (policy.eSwitchMode?.value === "switchdev" && policy.linkType !== undefined && policy.linkType.value.toLowerCase() !== "eth")
      report("policy-device-type-conflict", "error", policy.linkType.span, `\`eSwitchMode: switchdev\` can be used only with Ethernet links, not \`linkType: ${policy.linkType.value}\``, "set `linkType: eth` or leave `eSwitchMode` at legacy");
    if (policy.vdpaType !== undefined && deviceType !== "netdevice")
      report("policy-device-type-conflict", "error", policy.vdpaType.span, `\`vdpaType: ${policy.vdpaType.value}\` conflicts with \`deviceType: ${deviceType}\``, "vDPA devices need `deviceType: netdevice`");
    if (policy.vdpaType !== undefined && policy.eSwitchMode?.value !== "switchdev")
      report("policy-device-type-conflict", "error", policy.vdpaType.span, "vDPA requires the device in switchdev mode", "add `eSwitchMode: switchdev`");

    // validatePolicyForNodeState: against each node's interfaces.
    const hostname = policy.nodeSelector.get(HOSTNAME_LABEL);
    // dynamicValidateSriovNetworkNodePolicy refuses a policy that selects a NIC on none of the nodes its
    // nodeSelector matches. Which nodes a label matches is unknown here; when no node given has a NIC it
    // selects, none of those it matches among them has one either (a warning: it may match other nodes).
    // Without a nicSelector the API server refuses the policy (invalid-field-value says so): there is nothing to select with.
    const nodes = policy.nicSelector.written ? targets(policy, input.inventory) : [];
    if (hostname === undefined && nodes.length > 0 && nodes.every((node) => !(input.inventory.get(node) ?? []).some((pf) => selects(policy.nicSelector, pf)))) {
      const labels = [...policy.nodeSelector].map(([k, v]) => `${k}: ${v.value}`).join(", ");
      report("policy-selects-no-pf", "warning", policy.nicSelector.span, `this nicSelector selects no interface of any node given (${nodes.map((n) => `\`${n}\``).join(", ")})`, "check `pfNames`, `rootDevices`, `vendor` and `deviceID` against the node states", labels === "" ? [] : [{ span: policy.nodeSelectorSpan, message: `nodes chosen by label (${labels})` }]);
    }
    for (const node of nodes) {
      const selected = (input.inventory.get(node) ?? []).filter((pf) => selects(policy.nicSelector, pf));
      if (selected.length === 0 && hostname !== undefined) {
        const names = (input.inventory.get(node) ?? []).map((pf) => `\`${pf.name}\``).join(", ");
        report("policy-selects-no-pf", "error", policy.nicSelector.span, `this nicSelector selects no interface of node \`${node}\``, names === "" ? "the node has no SR-IOV interface" : `the node has ${names}: check \`pfNames\`, \`rootDevices\`, \`vendor\` and \`deviceID\``, [{ span: hostname.span, message: "node chosen here" }]);
      }
      for (const pf of selected) {
        if (numVfs === undefined) continue;
        if (numVfs.value === 0) {
          report("policy-numvfs-exceeds-totalvfs", "error", numVfs.span, "`numVfs: 0` is not allowed", "a policy must create at least one VF; delete the policy to remove the VFs");
          continue;
        }
        const limit = pf.vendor === MELLANOX_VENDOR ? Math.min(MLX_MAX_VFS, pf.totalVfs ?? MLX_MAX_VFS) : pf.totalVfs;
        if (limit !== undefined && numVfs.value > limit) {
          const why = pf.vendor === MELLANOX_VENDOR && limit === MLX_MAX_VFS ? `the operator's limit for Mellanox NICs (${MLX_MAX_VFS})` : `its totalvfs (${limit})`;
          report("policy-numvfs-exceeds-totalvfs", "error", numVfs.span, `\`numVfs: ${numVfs.value}\` is more VFs than \`${pf.name}\` on node \`${node}\` supports: ${why}`, `lower \`numVfs\` to ${limit} or less`, pf.totalVfsSpan ? [{ span: pf.totalVfsSpan, message: `${pf.name} supports ${pf.totalVfs} VFs` }] : []);
        }
        if (pf.externallyManaged && pf.numVfs !== undefined && numVfs.value > pf.numVfs)
          report("policy-numvfs-exceeds-totalvfs", "error", numVfs.span, `\`numVfs: ${numVfs.value}\` is more than the ${pf.numVfs} VFs created outside the operator on \`${pf.name}\``, `with externallyManaged the policy may use at most ${pf.numVfs}`);
        if (policy.mtu !== undefined && pf.mtu !== undefined && policy.mtu.value > pf.mtu && (pf.externallyManaged || policy.externallyManaged?.value === true))
          report("mtu-exceeds-pf", "error", policy.mtu.span, `\`mtu: ${policy.mtu.value}\` is above the MTU of \`${pf.name}\` (${pf.mtu}), which is managed outside the operator`, `lower the policy's mtu to ${pf.mtu} or raise the PF's`, pf.mtuSpan ? [{ span: pf.mtuSpan, message: "the PF's MTU" }] : []);
      }
    }
  }

  // validatePolicyForNodePolicy / validatePfNames: two policies may not claim the same VFs of a PF. The
  // webhook compares ranges only; a PF named without a range claims every VF, which it lets through.
  // A node named by `kubernetes.io/hostname` but absent from the inventory is compared by PF name alone.
  const overlapInventory = new Map<string, InventoryPf[]>([...input.inventory].map(([node, pfs]) => [node, [...pfs]]));
  for (const policy of policies) {
    const node = policy.nodeSelector.get(HOSTNAME_LABEL)?.value;
    if (node === undefined || input.inventory.has(node)) continue;
    const known = overlapInventory.get(node) ?? [];
    for (const entry of policy.nicSelector.pfNames) {
      if (known.some((pf) => pf.name === entry.pf)) continue;
      known.push({ name: entry.pf, altNames: [], pci: undefined, vendor: undefined, deviceIDs: [], totalVfs: undefined, totalVfsSpan: undefined, mtu: undefined, mtuSpan: undefined, externallyManaged: false, numVfs: undefined, vfs: undefined, vfFacts: undefined, modelPf: undefined, span: entry.span });
    }
    overlapInventory.set(node, known);
  }
  const overlapTargets = (policy: Policy): string[] => {
    const hostname = policy.nodeSelector.get(HOSTNAME_LABEL)?.value;
    return hostname !== undefined ? (overlapInventory.has(hostname) ? [hostname] : []) : [...input.inventory.keys()];
  };
  for (const [node, pfs] of overlapInventory) {
    for (const pf of pfs) {
      const claims: { policy: Policy; vfs: Set<number>; span: Span }[] = [];
      for (const policy of policies) {
        if (!overlapTargets(policy).includes(node) || !selects(policy.nicSelector, pf)) continue;
        const claim = claimed(policy, pf.name, pf);
        if (claim === undefined) continue;
        const earlier = claims.find((c) => [...claim.vfs].some((v) => c.vfs.has(v)));
        if (earlier !== undefined && earlier.policy.name !== policy.name) {
          const shared = [...claim.vfs].filter((v) => earlier.vfs.has(v)).sort((a, b) => a - b);
          report("policy-vf-overlap", "error", claim.span, `SriovNetworkNodePolicy \`${policy.name}\` claims VF${shared.length === 1 ? "" : "s"} ${indexRuns(shared)} of \`${pf.name}\` on node \`${node}\`, which \`${earlier.policy.name}\` claims too`, overlapHelp(pf.name, policy.numVfs?.value ?? 0, claims), [{ span: earlier.span, message: `claimed by ${earlier.policy.name} here` }]);
        }
        claims.push({ policy, ...claim });
      }
    }
  }

  // Mistakes the webhook does not catch.
  checkPluginRanges(resources, input.inventory, report);
  checkPluginSelectsNoVf(resources, input.inventory, report);
  const resourceNames = new Set([...policies, ...resources].map((p) => p.resourceName?.value).filter((r): r is string => r !== undefined));
  for (const network of input.objects) {
    // A SriovIBNetwork or an OVSNetwork takes the VFs of a resource as a SriovNetwork does (their CRDs' spec.resourceName).
    if (network.kind !== "SriovNetwork" && network.kind !== "SriovIBNetwork" && network.kind !== "OVSNetwork") continue;
    if (network.resourceName !== undefined && (policies.length > 0 || resources.length > 0) && !resourceNames.has(network.resourceName.value)) {
      const near = [...resourceNames].sort()[0];
      report("network-resource-unmatched", "warning", network.resourceName.span, `no policy provides resource \`${network.resourceName.value}\`: pods on ${network.kind} \`${network.name}\` never get a VF`, near === undefined ? "add a SriovNetworkNodePolicy with this resourceName" : `the policies provide ${[...resourceNames].sort().map((r) => `\`${r}\``).join(", ")}`);
    }
    if (network.kind !== "SriovNetwork") continue;
    if (network.minTxRate !== undefined && network.maxTxRate !== undefined && network.maxTxRate.value > 0 && network.minTxRate.value > network.maxTxRate.value)
      report("network-tx-rate-inverted", "error", network.minTxRate.span, `\`minTxRate: ${network.minTxRate.value}\` is above \`maxTxRate: ${network.maxTxRate.value}\` (Mbps): the driver refuses the VF's rate settings, and the pod's interface is not set up`, `lower \`minTxRate\` to ${network.maxTxRate.value} or less, or raise \`maxTxRate\` to ${network.minTxRate.value} or more`, [{ span: network.maxTxRate.span, message: "maxTxRate set here" }]);
    // sriov-bypasses-vswitch: the network's VFs come from a PF that is the uplink of a vSwitch that
    // enforces security groups in the `.sriov` topology; VF traffic never meets them.
    for (const model of input.models) {
      for (const policy of policies.filter((p) => p.resourceName?.value === network.resourceName?.value)) {
        for (const node of targets(policy, input.inventory)) {
          for (const pf of (input.inventory.get(node) ?? []).filter((p) => p.modelPf !== undefined && selects(policy.nicSelector, p))) {
            const vswitch = model.lookup.vswitchByUplink.get(pf.modelPf!);
            if (vswitch === undefined || !vswitch.features.includes("security_groups")) continue;
            // A representor port of the vSwitch (its PF in switchdev mode, src/semantics/switchdev.ts) keeps
            // the security groups when the NIC offloads them, as the `.sriov` rule judges it.
            if (representorVswitch(model, pf.modelPf!) === vswitch && model.lookup.nics.get(model.lookup.pfs.get(pf.modelPf!)?.nic ?? "")?.model.offloadFeatures.includes("security_groups") === true) continue;
            const index = vswitch.features.indexOf("security_groups");
            report("sriov-bypasses-vswitch", "warning", network.nameSpan, `pods on SriovNetwork \`${network.name}\` get VFs of \`${pf.name}\` on \`${node}\`, the uplink of vSwitch \`${vswitch.name}\`: their traffic bypasses its security groups`, "attach these workloads through the vSwitch (a vhost or veth network), or enforce the rules in the workload", [{ span: vswitch.spans.items["features"]?.[index] ?? vswitch.spans.name, message: "security groups enforced here" }]);
          }
        }
      }
    }
  }

  // A VF whose MTU in the node state is above its PF's (the webhook reads policies, never the state).
  for (const state of input.objects) {
    if (state.kind !== "SriovNetworkNodeState") continue;
    for (const iface of state.interfaces) {
      for (const vf of iface.vfs) {
        if (vf.mtu !== undefined && iface.mtu !== undefined && vf.mtu.value > iface.mtu.value)
          report("mtu-exceeds-pf", "error", vf.mtu.span, `VF ${vf.vfID?.value ?? "?"} of \`${iface.name.value}\` has MTU ${vf.mtu.value}, above its PF's ${iface.mtu.value}`, `the PF drops frames above ${iface.mtu.value}; raise the PF's MTU (policy \`mtu\`) or lower the VF's`, [{ span: iface.mtu.span, message: "the PF's MTU" }]);
      }
    }
  }
  return out;
}

/**
 * What a policy that overlaps others on PF `pfName` can claim instead: the first run of the VFs that `numVfs`
 * creates and no earlier claim takes, as a pfNames entry (`ens1f0#6-7`).
 */
function overlapHelp(pfName: string, numVfs: number, claims: readonly { vfs: ReadonlySet<number> }[]): string {
  const taken = (vf: number): boolean => claims.some((c) => c.vfs.has(vf));
  let first = 0;
  while (first < numVfs && taken(first)) first++;
  if (first >= numVfs) return `give each policy VFs of its own: every VF of \`${pfName}\` that \`numVfs: ${numVfs}\` creates is claimed already; narrow the other ranges or raise \`numVfs\``;
  let last = first;
  while (last + 1 < numVfs && !taken(last + 1)) last++;
  return `give each policy VFs of its own: \`${pfName}#${first}-${last}\` is free`;
}


