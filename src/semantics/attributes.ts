/**
 * The attributes each block kind takes (LANGUAGE.md "Blocks and their attributes"), and the check that
 * reports an attribute a block does not take (`unknown-attribute`) or sets twice (`duplicate-name`).
 * Types and defaults are applied where the model is built (resolve.ts), next to their meaning.
 */
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { DEFAULT_HOST_CORES } from "../domain/host-defaults.js";
import type { Attribute, BlockKind, Member, SourceFile, TopLevel } from "../syntax/ast.js";
import { COST_PARAMETER_UNITS, type CostParameterName } from "./model.js";
import { closestNames, didYouMean } from "./suggest.js";
import { firstSetting, LINEAR_MEMBERS } from "./templates.js";

export interface AttributeSpec {
  /** The type as LANGUAGE.md states it. */
  readonly type: string;
  /** The default as LANGUAGE.md states it ("—" for required attributes). */
  readonly default: string;
  /** A valid value, as source text (tests resolve every one of them). */
  readonly example: string;
  /** The units accepted (LANGUAGE.md "Units"), "" for values without one. */
  readonly unit: string;
}

const DESCRIPTION: AttributeSpec = { type: "string", default: "none", example: '"free text"', unit: "" };

/** LANGUAGE.md "Blocks and their attributes", in its order. */
export const ATTRIBUTE_TABLE = {
  host: {
    cores: { type: "integer ≥ 1", default: String(DEFAULT_HOST_CORES), example: "32", unit: "" },
    freq: { type: "frequency", default: "2.5GHz", example: "2.4GHz", unit: '`Hz` `kHz` `MHz` `GHz`' },
    numa_nodes: { type: "integer ≥ 1", default: "1", example: "2", unit: "" },
    hypervisor: { type: "`kvm` `esxi` `hyperv` `none`", default: "`kvm`", example: "esxi", unit: "" },
    hypervisor_cores: { type: "range or list of cores", default: "`0..0`", example: "0..1", unit: "" },
    iommu: { type: "bool", default: "true", example: "false", unit: "" },
    posted_interrupts: { type: "bool", default: "true", example: "false", unit: "" },
    overcommit: { type: "ratio", default: "100%", example: "150%", unit: "`%`" },
    node: { type: "string (a Kubernetes node name)", default: "the host's name", example: '"worker-0.example.com"', unit: "" },
    description: DESCRIPTION,
  },
  nic: {
    model: { type: "string (catalogue id)", default: '`"generic"`', example: '"intel-x710"', unit: "" },
    numa: { type: "integer", default: "0", example: "1", unit: "" },
    description: DESCRIPTION,
  },
  pf: {
    pci: { type: "PCI address", default: "none", example: "0000:3b:00.0", unit: "" },
    speed: { type: "bit rate", default: "model's", example: "25Gbps", unit: "`bps` `kbps` `Mbps` `Gbps` `Tbps`" },
    max_vfs: { type: "integer", default: "model's", example: "16", unit: "" },
    vfs: { type: "integer", default: "0", example: "8", unit: "" },
    vmdq_pools: { type: "integer", default: "model's", example: "4", unit: "" },
    msix: { type: "integer", default: "model's", example: "64", unit: "" },
    itr: { type: "duration or `adaptive`", default: "the model's driver default (`adaptive`)", example: "50us", unit: "`ns` `us` `ms` `s`" },
    ring: { type: "integer", default: "512", example: "1024", unit: "" },
    mtu: { type: "integer 68..9216", default: "1500", example: "9000", unit: "" },
    description: DESCRIPTION,
  },
  vswitch: {
    type: { type: "`ovs` `ovs_dpdk` `linux_bridge` `vss`", default: "`ovs`", example: "ovs_dpdk", unit: "" },
    uplinks: { type: "list of PF refs", default: "[]", example: "[]", unit: "" },
    features: { type: "list of feature names", default: "[]", example: "[acl, vxlan]", unit: "" },
    offload: { type: "bool", default: "false", example: "true", unit: "" },
    description: DESCRIPTION,
  },
  vm: {
    vcpus: { type: "integer ≥ 1", default: "2", example: "4", unit: "" },
    pin: { type: "range or list of cores", default: "allocated", example: "[2, 3]", unit: "" },
    numa: { type: "integer", default: "NUMA node of `pin`", example: "0", unit: "" },
    memory: { type: "size", default: "4GiB", example: "8GiB", unit: "`B` `kB` `MB` `GB` `KiB` `MiB` `GiB`" },
    live_migration: { type: "bool", default: "false", example: "true", unit: "" },
    hugepages: { type: "size: `2MiB` or `1GiB`", default: "none", example: "1GiB", unit: "`B` `kB` `MB` `GB` `KiB` `MiB` `GiB`" },
    domain: { type: "string (a libvirt domain name)", default: "the VM's name", example: '"web01.example.com"', unit: "" },
    description: DESCRIPTION,
  },
  container: {
    pin: { type: "range or list of cores", default: "allocated (one core)", example: "[4, 5]", unit: "" },
    numa: { type: "integer", default: "NUMA node of `pin`", example: "0", unit: "" },
    hugepages: { type: "size: `2MiB` or `1GiB`", default: "none", example: "1GiB", unit: "`B` `kB` `MB` `GB` `KiB` `MiB` `GiB`" },
    hugepages_memory: { type: "size, a whole number of pages", default: "one page (with `hugepages`)", example: "4GiB", unit: "`B` `kB` `MB` `GB` `KiB` `MiB` `GiB`" },
    description: DESCRIPTION,
  },
  iface: {
    attach: { type: "`vf(pf[, index])`, `vdpa(pf[, index])`, `vmdq(pf)`, `vswitch(sw)`, `pf(pf)`", default: "—", example: "vf(x.p, 1)", unit: "" },
    driver: { type: "`kernel` `dpdk`", default: "`kernel`", example: "dpdk", unit: "" },
    queues: { type: "integer ≥ 1", default: "1", example: "4", unit: "" },
    mac: { type: "MAC or `auto`", default: "`auto`", example: "52:54:00:aa:00:01", unit: "" },
    vlan: { type: "integer or `none`", default: "none", example: "none", unit: "" },
    spoofchk: { type: "bool", default: "true", example: "false", unit: "" },
    trust: { type: "bool", default: "false", example: "true", unit: "" },
    requires: { type: "list of feature names", default: "[]", example: "[security_groups]", unit: "" },
    rate_limit: { type: "bit rate", default: "none", example: "1Gbps", unit: "`bps` `kbps` `Mbps` `Gbps` `Tbps`" },
    mtu: { type: "integer 68..9216", default: "the PF's", example: "1400", unit: "" },
    description: DESCRIPTION,
  },
  traffic: {
    from: { type: "`wire` or iface ref", default: "`wire`", example: "wire", unit: "" },
    to: { type: "iface ref or `wire`", default: "—", example: "h.v.e", unit: "" },
    rate: { type: "packet rate or bit rate", default: "— (optional with `window`: a cap)", example: "1Mpps", unit: "`pps` `kpps` `Mpps` `Gpps`, or a bit rate" },
    window: { type: "integer ≥ 1", default: "none (open loop)", example: "16", unit: "" },
    size: { type: "size or `imix`", default: "64B", example: "imix", unit: "`B` `kB` `KiB`…" },
    flows: { type: "integer ≥ 1", default: "1", example: "16", unit: "" },
    pattern: { type: "`constant`, `poisson`, `burst(n)`", default: "`constant`", example: "burst(8)", unit: "" },
    vlan: { type: "integer or `none`", default: "iface's", example: "none", unit: "" },
    start: { type: "duration", default: "0", example: "1ms", unit: "`ns` `us` `ms` `s`" },
    stop: { type: "duration", default: "end of the run", example: "5ms", unit: "`ns` `us` `ms` `s`" },
    description: DESCRIPTION,
  },
  simulation: {
    duration: { type: "duration", default: "100ms", example: "20ms", unit: "`ns` `us` `ms` `s`" },
    warmup: { type: "duration", default: "10% of duration", example: "2ms", unit: "`ns` `us` `ms` `s`" },
    seed: { type: "integer", default: "1", example: "42", unit: "" },
    profile: { type: "string", default: '`"default"`', example: '"legacy-no-posted"', unit: "" },
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
  for (const file of files) for (const item of file.items) checkItemAttributeNames(item, diagnostics);
}

/** The same for one top-level item (a file resolved item by item as it is parsed). */
export function checkItemAttributeNames(item: TopLevel, diagnostics: Diagnostic[]): void {
  if (item.kind === "Block") checkBody(item.blockKind, item.members, diagnostics);
  else if (item.kind === "Template") checkBody(item.blockKind, item.members, diagnostics);
}

function checkBody(kind: BlockKind, members: readonly Member[], diagnostics: Diagnostic[]): void {
  const allowed = attributesOf(kind);
  // The first setting of each name, looked up in the members before it: a Map per body cost more than
  // the search over the few members a body has. (A long body gets the Map.)
  const seen = members.length > LINEAR_MEMBERS ? new Map<string, Attribute>() : undefined;
  for (let index = 0; index < members.length; index++) {
    const member = members[index]!;
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
    const first = seen === undefined ? firstSetting(members, index, name) : seen.get(name);
    if (first !== undefined) {
      diagnostics.push(
        diagnostic("duplicate-name", "error", member.name.span, `\`${name}\` is set twice in this \`${kind}\``, {
          related: [{ span: first.name.span, message: "first set here" }],
          help: "keep one of them (the first one is used)",
        }),
      );
      continue;
    }
    seen?.set(name, member);
  }
}
