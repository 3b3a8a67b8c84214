/**
 * `plugin-selects-no-vf` (metadata: src/rules/plugin-selects-no-vf.ts): a device plugin resource (one
 * `resourceList` entry of its config.json, all its selector objects together) whose `pfNames` and
 * `rootDevices` pick no VF on any node given, against the nodes' PFs (node states, or `.sriov` hosts).
 *
 * Which VFs are picked is decided by ../k8s/plugin-selectors.ts, as the plugin decides it: `vendors`,
 * `devices`, `drivers` and `pciAddresses` only where a node state lists the VF's value. Its other
 * selectors (linkTypes, acpiIndexes, …) are not modelled: they can only take VFs away, so a resource that
 * picks no VF here picks none on the node either (the finding is sound), while one that picks some here may
 * still get none. A warning: the nodes given may not be every node the plugin runs on.
 */
import type { RelatedSpan } from "../../diagnostics/diagnostic.js";
import type { Span } from "../../syntax/span.js";
import type { DevicePluginResource } from "../k8s/objects.js";
import type { Inventory } from "./operator.js";
import { pickedVfs, pickPf, shown, type PfPick } from "../k8s/plugin-selectors.js";
import { plural } from "../../domain/plural.js";
import { indexRuns } from "../../domain/index-runs.js";
import { MAX_VF_INDEX } from "../k8s/objects.js";

export const PLUGIN_SELECTS_NO_VF = "plugin-selects-no-vf";

type Report = (rule: string, severity: "error" | "warning", span: Span, message: string, help: string, related?: RelatedSpan[]) => void;

/** How many picked PFs the message names before it counts the rest. */
const NAMED_PICKS = 3;
/** How many names and addresses of entries the message quotes before it counts the rest. */
const NAMED_KEYS = 8;

export function checkPluginSelectsNoVf(resources: readonly DevicePluginResource[], inventory: Inventory, report: Report): void {
  if (inventory.size === 0) return;
  // One `resourceList` entry is read as one DevicePluginResource per selector object, all with its span.
  const entries = new Map<string, DevicePluginResource[]>();
  for (const resource of resources) {
    // An `accelerator` or `auxNetDevice` resource pools other devices than VFs (its pfNames index SFs).
    if (resource.deviceType !== undefined && resource.deviceType.value !== "netDevice") continue;
    const key = `${resource.span.file}\u0000${resource.span.start}`;
    entries.set(key, [...(entries.get(key) ?? []), resource]);
  }
  const nodes = [...inventory.keys()];
  for (const objects of entries.values()) {
    const resource = objects[0]!;
    const picks: { node: string; pf: string; count: number; pick: PfPick }[] = [];
    let selected = false;
    for (const [node, pfs] of inventory)
      for (const pf of pfs)
        for (const object of objects) {
          const pick = pickPf(object.selectors, { name: pf.name, pci: pf.pci, vendor: pf.vendor, vfs: pf.vfFacts });
          if (pick === undefined) continue;
          const count = pf.vfs?.count ?? 0;
          if (pickedVfs(pick, count).length > 0) selected = true;
          else picks.push({ node, pf: pf.name, count, pick });
        }
    if (selected) continue;
    const on = `on any node given (${nodes.map((n) => `\`${n}\``).join(", ")})`;
    if (picks.length === 0) {
      const all = [...inventory.values()].flat();
      // Each selector alone: when both find a PF but never the same one, the AND is what fails.
      const alone = (list: "pfNames" | "rootDevices") => objects.some((o) => o.selectors[list].length > 0 && all.some((pf) => pickPf({ pfNames: [], rootDevices: [], vendors: [], devices: [], drivers: [], pciAddresses: [], [list]: o.selectors[list] }, { name: pf.name, pci: pf.pci }) !== undefined));
      const keys = (list: "pfNames" | "rootDevices") => {
        const all = [...new Set(objects.flatMap((o) => o.selectors[list].map((e) => `\`${shown(e.key)}\``)))];
        return all.length <= NAMED_KEYS ? all.join(", ") : `${all.slice(0, NAMED_KEYS).join(", ")} and ${all.length - NAMED_KEYS} more`;
      };
      const failing = (["pfNames", "rootDevices"] as const).filter((list) => objects.some((o) => o.selectors[list].length > 0) && !alone(list));
      const why =
        failing.length === 0
          ? `no PF of them is both one \`pfNames\` names (${keys("pfNames")}) and at an address \`rootDevices\` names (${keys("rootDevices")}): the plugin needs both`
          : `no PF of them is ${failing.map(keys).join(", ")}`;
      const pfsHad = [...new Set(nodes.flatMap((n) => inventory.get(n)!.map((pf) => `\`${shown(pf.name)}\`${pf.pci === undefined ? "" : ` (${shown(pf.pci)})`}`)))];
      const have = pfsHad.length <= NAMED_KEYS ? pfsHad : [...pfsHad.slice(0, NAMED_KEYS), `${pfsHad.length - NAMED_KEYS} more`];
      report(
        PLUGIN_SELECTS_NO_VF,
        "warning",
        resource.nameSpan,
        `device plugin resource \`${resource.name}\` selects no VF ${on}: ${why}`,
        have.length === 0 ? "the nodes given have no SR-IOV interface" : `the nodes have ${have.join(", ")}: check \`pfNames\` (PF names, matched whole, ignoring case) and \`rootDevices\` (PF PCI addresses with their domain, \`0000:18:00.0\`)`,
      );
      continue;
    }
    let dropped = false;
    const said = picks.slice(0, NAMED_PICKS).map(({ node, pf, count, pick }) => {
      const by = [pick.pfName, pick.rootDevice].filter((e) => e !== undefined && e.vfs.kind !== "every").map((e) => `\`${shown(e!.raw)}\``);
      const has = `\`${pf}\` on \`${node}\` has ${plural(count, "VF")} (${count === 1 ? "0" : `0–${count - 1}`})`;
      if (count === 0) return `\`${pf}\` on \`${node}\` has no VFs`;
      // The VFs the entries keep were all dropped by a selector on their own values (the node state's).
      const byFilter = droppedByFilters(pick, count);
      if (byFilter.length === 0) return `${has}, none of which ${by.join(" and ")} ${by.length === 1 ? "selects" : "select together"}`;
      dropped = true;
      return `${has}: ${byFilter.join("; ")}`;
    });
    const more = picks.length - said.length;
    report(
      PLUGIN_SELECTS_NO_VF,
      "warning",
      resource.nameSpan,
      `device plugin resource \`${resource.name}\` selects no VF ${on}: ${said.join("; ")}${more > 0 ? `; and ${plural(more, "more PF", "more PFs")}` : ""}`,
      dropped
        ? "the node state's VF list gives what the plugin reads of each VF: name those values in the selector, or bind the VFs as it asks (its `drivers`)"
        : picks.every((p) => p.count === 0) ? "create VFs on the PFs it names (a SriovNetworkNodePolicy's `numVfs`), or name PFs that have VFs" : "name VFs the PFs have in the ranges (`#first-last`, indices from 0)",
    );
  }
}

/**
 * What the selectors on the VFs' own values drop of the VFs the entries keep, grouped by selector: "the node
 * state gives the driver of VFs 0–3 as `iavf`, which `drivers` does not name".
 */
function droppedByFilters(pick: PfPick, count: number): string[] {
  const groups = new Map<string, { what: string; vfs: number[]; values: Set<string> }>();
  for (let vf = 0; vf < Math.min(count, MAX_VF_INDEX + 1); vf++) {
    if (!pick.entriesKeep(vf)) continue;
    const drop = pick.droppedBy(vf);
    if (drop === undefined) continue;
    const group = groups.get(drop.selector) ?? { what: drop.what, vfs: [], values: new Set<string>() };
    group.vfs.push(vf);
    group.values.add(drop.value);
    groups.set(drop.selector, group);
  }
  return [...groups].map(([selector, g]) => `the node state gives the ${g.what} of VF${g.vfs.length === 1 ? "" : "s"} ${indexRuns(g.vfs)} as ${[...g.values].map((v) => `\`${shown(v)}\``).join(", ")}, which \`${selector}\` does not name`);
}
