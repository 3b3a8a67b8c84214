/**
 * The attributes each block kind takes (LANGUAGE.md "Blocks and their attributes"), and the check that
 * reports an attribute a block does not take (`unknown-attribute`) or sets twice (`duplicate-name`).
 * Types and defaults are applied where the model is built (resolve.ts), next to their meaning.
 */
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Attribute, BlockKind, Member, SourceFile } from "../syntax/ast.js";
import { COST_PARAMETER_UNITS, type CostParameterName } from "./model.js";
import { closestNames, didYouMean } from "./suggest.js";

export interface AttributeSpec {
  /** The type as LANGUAGE.md states it. */
  readonly type: string;
  /** The default as LANGUAGE.md states it ("—" for required attributes). */
  readonly default: string;
  /** A valid value, as source text (tests resolve every one of them). */
  readonly example: string;
  /** The units accepted (LANGUAGE.md "Units"), "" for values without one. */
  readonly unit: string;
  /** What the attribute means, in one sentence (the reference table in LANGUAGE.md is generated from these). */
  readonly meaning: string;
}

const DESCRIPTION: AttributeSpec = { type: "string", default: "none", example: '"free text"', unit: "", meaning: "Free text, shown in reports; never interpreted." };

/** LANGUAGE.md "Blocks and their attributes", in its order. */
export const ATTRIBUTE_TABLE = {
  host: {
    cores: { type: "integer ≥ 1", default: "16", example: "32", unit: "", meaning: "Logical CPU cores of the host, numbered from 0." },
    freq: { type: "frequency", default: "2.5GHz", example: "2.4GHz", unit: '`Hz` `KHz` `MHz` `GHz`', meaning: "Core clock: turns the cost model's cycles into time." },
    numa_nodes: { type: "integer ≥ 1", default: "1", example: "2", unit: "", meaning: "NUMA nodes; the cores are split into this many equal runs, in order." },
    hypervisor: { type: "`kvm` `esxi` `hyperv` `none`", default: "`kvm`", example: "esxi", unit: "", meaning: "The hypervisor; `none` is bare metal (no VMs, interfaces attach with `pf(...)`)." },
    hypervisor_cores: { type: "range or list of cores", default: "`0..0`", example: "0..1", unit: "", meaning: "Cores reserved for the hypervisor: interrupts, vSwitch and copies run there; VMs are not auto-pinned there." },
    iommu: { type: "bool", default: "true", example: "false", unit: "", meaning: "Whether an IOMMU (VT-d, AMD-Vi) is on; passing a VF to a VM needs it." },
    posted_interrupts: { type: "bool", default: "true", example: "false", unit: "", meaning: "Whether VF interrupts are posted to the guest without a VM exit." },
    overcommit: { type: "ratio", default: "100%", example: "150%", unit: "`%`", meaning: "How many vCPUs a core may carry: `150%` allows 1.5 vCPUs per core before `vcpu-overcommit`." },
    description: DESCRIPTION,
  },
  nic: {
    model: { type: "string (catalogue id)", default: '`"generic"`', example: '"intel-x710"', unit: "", meaning: "The NIC model, an id of the NIC catalogue; it gives the defaults of its PFs." },
    numa: { type: "integer", default: "0", example: "1", unit: "", meaning: "The NUMA node the NIC's PCIe slot is attached to." },
    description: DESCRIPTION,
  },
  pf: {
    pci: { type: "PCI address", default: "none", example: "0000:3b:00.0", unit: "", meaning: "The PCI address of the port's physical function." },
    speed: { type: "bit rate", default: "model's", example: "25Gbps", unit: "`bps` `Kbps` `Mbps` `Gbps` `Tbps`", meaning: "Line rate of the port." },
    max_vfs: { type: "integer", default: "model's", example: "16", unit: "", meaning: "VFs the PF supports; overrides the model's limit (set it to what the board and firmware allow)." },
    vfs: { type: "integer", default: "0", example: "8", unit: "", meaning: "VFs enabled on the PF (`sriov_numvfs`); interfaces attach to them with `vf(...)`." },
    vmdq_pools: { type: "integer", default: "model's", example: "4", unit: "", meaning: "VMDq pools the PF offers to `vmdq(...)` interfaces; overrides the model's figure." },
    msix: { type: "integer", default: "model's", example: "64", unit: "", meaning: "MSI-X vectors of the PF; overrides the model's figure." },
    itr: { type: "duration", default: "0", example: "50us", unit: "`ns` `us` `ms` `s`", meaning: "Interrupt moderation: at most one interrupt per this interval (0: one per packet batch, no delay)." },
    ring: { type: "integer", default: "512", example: "1024", unit: "", meaning: "Receive ring size in descriptors; a full ring drops frames." },
    mtu: { type: "integer 68..9216", default: "1500", example: "9000", unit: "", meaning: "Largest frame payload in bytes the port accepts." },
    description: DESCRIPTION,
  },
  vswitch: {
    type: { type: "`ovs` `ovs_dpdk` `linux_bridge` `vss`", default: "`ovs`", example: "ovs_dpdk", unit: "", meaning: "The software switch; each has its own per-packet cost." },
    uplinks: { type: "list of PF refs", default: "[]", example: "[]", unit: "", meaning: "PFs that connect the vSwitch to the wire." },
    features: { type: "list of feature names", default: "[]", example: "[acl, vxlan]", unit: "", meaning: "Features the vSwitch applies to its traffic: `security_groups`, `conntrack`, `acl`, `mirroring`, `vxlan`, `geneve`, `qos`, `netflow`." },
    description: DESCRIPTION,
  },
  vm: {
    vcpus: { type: "integer ≥ 1", default: "2", example: "4", unit: "", meaning: "Virtual CPUs of the VM." },
    pin: { type: "range or list of cores", default: "allocated", example: "[2, 3]", unit: "", meaning: "Host cores the vCPUs run on; left out, the next free non-hypervisor cores in source order." },
    numa: { type: "integer", default: "NUMA node of `pin`", example: "0", unit: "", meaning: "The NUMA node the VM's memory is on." },
    memory: { type: "size", default: "4GiB", example: "8GiB", unit: "`B` `KB` `MB` `GB` `KiB` `MiB` `GiB`", meaning: "Guest memory." },
    live_migration: { type: "bool", default: "false", example: "true", unit: "", meaning: "Whether the VM must be able to live-migrate (a VF prevents it)." },
    description: DESCRIPTION,
  },
  iface: {
    attach: { type: "`vf(pf[, index])`, `vmdq(pf)`, `vswitch(sw)`, `pf(pf)`", default: "—", example: "vf(x.p, 1)", unit: "", meaning: "The data path: a VF of a PF (the next free one, or an index), a VMDq pool, a vSwitch port, or the PF itself." },
    mac: { type: "MAC or `auto`", default: "`auto`", example: "52:54:00:aa:00:01", unit: "", meaning: "The interface's own unicast MAC address; `auto` picks one." },
    vlan: { type: "integer 0..4094 or `none`", default: "`none`", example: "100", unit: "", meaning: "The VLAN the interface is on (the VF's or pool's VLAN filter, the vSwitch port's tag)." },
    spoofchk: { type: "bool", default: "true", example: "false", unit: "", meaning: "MAC anti-spoofing on a VF: drops frames whose source MAC is not the interface's." },
    trust: { type: "bool", default: "false", example: "true", unit: "", meaning: "VF trust mode: lets the guest change its MAC, enter promiscuous mode and join any multicast group." },
    requires: { type: "list of feature names", default: "[]", example: "[security_groups]", unit: "", meaning: "Features the interface's traffic must get (as `features` of a vSwitch)." },
    rate_limit: { type: "bit rate", default: "none", example: "1Gbps", unit: "`bps` `Kbps` `Mbps` `Gbps` `Tbps`", meaning: "Transmit rate limit of a VF." },
    mtu: { type: "integer 68..9216", default: "the PF's", example: "1400", unit: "", meaning: "Largest frame payload in bytes the interface accepts." },
    description: DESCRIPTION,
  },
  traffic: {
    from: { type: "`wire` or iface ref", default: "`wire`", example: "wire", unit: "", meaning: "Where the packets come from: the wire (through the PF) or another interface." },
    to: { type: "iface ref", default: "—", example: "h.v.e", unit: "", meaning: "The interface that receives them." },
    rate: { type: "packet rate or bit rate", default: "—", example: "1Mpps", unit: "`pps` `Kpps` `Mpps`, or a bit rate", meaning: "Offered load." },
    size: { type: "size or `imix`", default: "64B", example: "imix", unit: "`B` `KB` `KiB`…", meaning: "Frame size; `imix` is the 7:4:1 mix of 64, 576 and 1500 bytes." },
    pattern: { type: "`constant`, `poisson`, `burst(n)`", default: "`constant`", example: "burst(8)", unit: "", meaning: "Arrivals: evenly spaced, Poisson, or bursts of n back-to-back frames." },
    vlan: { type: "integer or `none`", default: "iface's", example: "none", unit: "", meaning: "VLAN tag of the frames; by default the receiving interface's." },
    start: { type: "duration", default: "0", example: "1ms", unit: "`ns` `us` `ms` `s`", meaning: "When the traffic starts, from the start of the run." },
    stop: { type: "duration", default: "end of the run", example: "5ms", unit: "`ns` `us` `ms` `s`", meaning: "When it stops." },
    description: DESCRIPTION,
  },
  simulation: {
    duration: { type: "duration", default: "100ms", example: "20ms", unit: "`ns` `us` `ms` `s`", meaning: "Simulated time." },
    warmup: { type: "duration", default: "10% of duration", example: "2ms", unit: "`ns` `us` `ms` `s`", meaning: "Time at the start that is simulated but not measured." },
    seed: { type: "integer", default: "1", example: "42", unit: "", meaning: "Seed of the random numbers (Poisson arrivals, imix): the same seed gives the same report." },
    profile: { type: "string", default: '`"default"`', example: '"legacy-no-posted"', unit: "", meaning: "The cost profile: the cycles each operation costs." },
    description: DESCRIPTION,
  },
} as const satisfies Readonly<Record<Exclude<BlockKind, "cost">, Readonly<Record<string, AttributeSpec>>>>;

/** The attributes a block kind takes, as a type: the keys of `spans.attrs` on the model's entities. */
export type AttributeName<K extends keyof typeof ATTRIBUTE_TABLE> = Extract<keyof (typeof ATTRIBUTE_TABLE)[K], string>;

/** Attribute names by block kind. */
export const ATTRIBUTES: Readonly<Record<Exclude<BlockKind, "cost">, readonly string[]>> = Object.fromEntries(
  Object.entries(ATTRIBUTE_TABLE).map(([kind, table]) => [kind, Object.keys(table)]),
) as unknown as Record<Exclude<BlockKind, "cost">, readonly string[]>;

/** Cost parameters as written in a `cost` block: `.` becomes `_` (`vswitch_ovs`, `feature_acl`). */
export const COST_ATTRIBUTES: ReadonlyMap<string, CostParameterName> = new Map(
  (Object.keys(COST_PARAMETER_UNITS) as CostParameterName[]).map((param) => [param.replace(".", "_"), param]),
);

export function attributesOf(kind: BlockKind): readonly string[] {
  return kind === "cost" ? [...COST_ATTRIBUTES.keys(), "description"] : ATTRIBUTES[kind];
}

/** Walks every block and template body of the files once (so a replicated block is checked once). */
export function checkAttributeNames(files: readonly SourceFile[], diagnostics: Diagnostic[]): void {
  for (const file of files) {
    for (const item of file.items) {
      if (item.kind === "Block") checkBody(item.blockKind, item.members, diagnostics);
      else if (item.kind === "Template") checkBody(item.blockKind, item.members, diagnostics);
    }
  }
}

function checkBody(kind: BlockKind, members: readonly Member[], diagnostics: Diagnostic[]): void {
  const allowed = attributesOf(kind);
  const seen = new Map<string, Attribute>();
  for (const member of members) {
    if (member.kind === "Block") {
      checkBody(member.blockKind, member.members, diagnostics);
      continue;
    }
    const name = member.name.name;
    if (!allowed.includes(name)) {
      // "an `iface`": the article follows the sound of the kind's name.
      const article = kind === "iface" ? "an" : "a";
      const where = kind === "cost" ? "a cost parameter" : `an attribute of ${article} \`${kind}\``;
      diagnostics.push(
        diagnostic("unknown-attribute", "error", member.name.span, `\`${name}\` is not ${where}`, {
          help: didYouMean(closestNames(name, allowed)) ?? `${article} \`${kind}\` takes ${allowed.map((a) => `\`${a}\``).join(", ")}`,
        }),
      );
      continue;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      diagnostics.push(
        diagnostic("duplicate-name", "error", member.name.span, `\`${name}\` is set twice in this \`${kind}\``, {
          related: [{ span: first.name.span, message: "first set here" }],
          help: "keep one of them (the first one is used)",
        }),
      );
      continue;
    }
    seen.set(name, member);
  }
}
