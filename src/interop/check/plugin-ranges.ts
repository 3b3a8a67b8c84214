/**
 * `plugin-vf-range-invalid`: the VF ranges of the device plugin's config.json (`pfNames: ["ens1f0#0-7"]`,
 * `rootDevices: ["0000:18:00.0#0-3"]`) against the VFs each node's PF has. The plugin pools the VFs of the
 * PF whose index is in the range (sriov-network-device-plugin `pkg/resources/pciNetDeviceSelectors.go`,
 * `isSelected`): it finds only the VFs that exist, so a range past them gives the resource fewer VFs than
 * it names, silently; a range it cannot parse selects none. Reported at the range, where the user wrote it;
 * the `.sriov` import takes only the VFs that exist (../import/k8s.ts), so nothing downstream repeats it.
 */
import type { RelatedSpan } from "../../diagnostics/diagnostic.js";
import type { Span } from "../../syntax/span.js";
import type { DevicePluginResource, PfSelector } from "../k8s/objects.js";
import type { Inventory, InventoryPf } from "./operator.js";
import { plural } from "../../domain/plural.js";
import { indexRuns } from "../../domain/index-runs.js";

export const PLUGIN_VF_RANGE_INVALID = "plugin-vf-range-invalid";

type Report = (rule: string, severity: "error" | "warning", span: Span, message: string, help: string, related?: RelatedSpan[]) => void;

export function checkPluginRanges(resources: readonly DevicePluginResource[], inventory: Inventory, report: Report): void {
  for (const resource of resources) {
    const ranges: { entry: PfSelector; matches: (pf: InventoryPf) => boolean }[] = [
      ...resource.nicSelector.pfNames.filter((e) => e.vfs !== null || e.error !== undefined).map((entry) => ({ entry, matches: (pf: InventoryPf) => pf.name === entry.pf || pf.altNames.includes(entry.pf) })),
      ...resource.rootDeviceRanges.map((entry) => ({ entry, matches: (pf: InventoryPf) => pf.pci === entry.pf })),
    ];
    for (const { entry, matches } of ranges) {
      if (entry.error !== undefined) {
        report(PLUGIN_VF_RANGE_INVALID, "error", entry.span, `\`${entry.raw}\`: ${entry.error}: the device plugin selects no VF of it for \`${resource.name}\``, `write the VFs as \`${entry.pf}#first-last\`, or indices and ranges separated by commas (\`${entry.pf}#0,2-7\`)`);
        continue;
      }
      // The plugin's config.json runs on every node (a DaemonSet): each node that has the PF.
      for (const [node, pfs] of inventory) {
        const pf = pfs.find(matches);
        if (pf?.vfs === undefined) continue;
        const vfs = entry.vfs!;
        const missing = vfs.filter((v) => v >= pf.vfs!.count);
        if (missing.length === 0) continue;
        const have = pf.vfs.count;
        const kept = vfs.length - missing.length;
        const outcome = kept === 0 ? `the device plugin finds none of them, and \`${resource.name}\` gets no VF of it` : `the device plugin finds only ${kept} of them, and \`${resource.name}\` gets ${plural(kept, "VF")} of it, not ${vfs.length}`;
        const last = vfs[vfs.length - 1]!;
        const canCreate = pf.totalVfs === undefined || last < pf.totalVfs;
        const help =
          have > 0 && !canCreate
            ? `\`${pf.name}\` supports ${pf.totalVfs} VFs (totalvfs): end the range at VF ${Math.min(have, pf.totalVfs!) - 1}`
            : have > 0
              ? `end the range at VF ${have - 1}, or create ${last + 1} VFs on \`${pf.name}\` (a SriovNetworkNodePolicy's \`numVfs: ${last + 1}\`)`
              : canCreate
                ? `create the VFs first (a SriovNetworkNodePolicy's \`numVfs: ${last + 1}\`), or name another PF`
                : `\`${pf.name}\` supports ${pf.totalVfs} VFs (totalvfs): create them (a SriovNetworkNodePolicy's \`numVfs\`) and end the range at VF ${pf.totalVfs! - 1} at most`;
        report(
          PLUGIN_VF_RANGE_INVALID,
          "error",
          entry.span,
          `\`${entry.raw}\` takes VF${vfs.length === 1 ? "" : "s"} ${indexRuns(vfs)} of \`${pf.name}\` on node \`${node}\`, which has ${have === 0 ? "no VFs" : `${plural(have, "VF")} (${have === 1 ? "0" : `0–${have - 1}`})`}: ${pf.vfs.said}; ${outcome}`,
          help,
          [{ span: pf.vfs.span, message: `${pf.name}'s VFs` }],
        );
      }
    }
  }
}

