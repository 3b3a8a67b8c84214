/**
 * The attributes each block kind takes (LANGUAGE.md "Blocks and their attributes"), and the check that
 * reports an attribute a block does not take (`unknown-attribute`) or sets twice (`duplicate-name`).
 * Types and defaults are applied where the model is built (resolve.ts), next to their meaning.
 */
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Attribute, BlockKind, Member, SourceFile } from "../syntax/ast.js";
import { COST_PARAMETER_UNITS, type CostParameterName } from "./model.js";
import { closestNames, didYouMean } from "./suggest.js";

export const ATTRIBUTES: Readonly<Record<Exclude<BlockKind, "cost">, readonly string[]>> = {
  host: ["cores", "freq", "numa_nodes", "hypervisor", "hypervisor_cores", "iommu", "posted_interrupts", "overcommit", "description"],
  nic: ["model", "numa", "description"],
  pf: ["pci", "speed", "max_vfs", "vfs", "vmdq_pools", "msix", "itr", "ring", "mtu", "description"],
  vswitch: ["type", "uplinks", "features", "description"],
  vm: ["vcpus", "pin", "numa", "memory", "live_migration", "description"],
  iface: ["attach", "mac", "vlan", "spoofchk", "trust", "requires", "rate_limit", "mtu", "description"],
  traffic: ["from", "to", "rate", "size", "pattern", "vlan", "start", "stop", "description"],
  simulation: ["duration", "warmup", "seed", "profile", "description"],
};

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
      const where = kind === "cost" ? "a cost parameter" : `an attribute of a \`${kind}\``;
      diagnostics.push(
        diagnostic("unknown-attribute", "error", member.name.span, `\`${name}\` is not ${where}`, {
          help: didYouMean(closestNames(name, allowed)) ?? `a \`${kind}\` takes ${allowed.map((a) => `\`${a}\``).join(", ")}`,
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
