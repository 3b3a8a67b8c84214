/**
 * `plugin-vf-range-invalid`: the VF ranges of the device plugin's config.json (`pfNames: ["ens1f0#0-7"]`,
 * `rootDevices: ["0000:18:00.0#0-3"]`), read as the plugin reads them (../k8s/plugin-selectors.ts, from
 * its `pkg/resources/deviceSelectors.go`, `getItem` and `isSelected`):
 * - a list the plugin does not read as written (more than one `#`, a part that does not parse, which ends
 *   the reading, a range written descending), once, at the entry;
 * - an entry the plugin never reads, because an earlier one names the same PF (`getItem` returns the first);
 * - on each node, a range past the VFs the PF has: the plugin finds only the VFs that exist, so the resource
 *   gets fewer VFs than it names, silently.
 * Reported at the entry, where the user wrote it; the `.sriov` import takes only the VFs that exist
 * (../import/k8s.ts), so nothing downstream repeats it.
 */
import type { RelatedSpan } from "../../diagnostics/diagnostic.js";
import type { Span } from "../../syntax/span.js";
import type { DevicePluginResource } from "../k8s/objects.js";
import { entryProblem, namedVfs, pickPf, shadowedEntries, shown, type PluginSelectorEntry } from "../k8s/plugin-selectors.js";
import type { Inventory } from "./operator.js";
import { plural } from "../../domain/plural.js";
import { indexRuns } from "../../domain/index-runs.js";

export const PLUGIN_VF_RANGE_INVALID = "plugin-vf-range-invalid";

type Report = (rule: string, severity: "error" | "warning", span: Span, message: string, help: string, related?: RelatedSpan[]) => void;

export function checkPluginRanges(resources: readonly DevicePluginResource[], inventory: Inventory, report: Report): void {
  for (const resource of resources) {
    const entries = [...resource.selectors.pfNames, ...resource.selectors.rootDevices];
    for (const entry of entries) {
      const problem = entryProblem(entry);
      if (problem !== undefined)
        report(PLUGIN_VF_RANGE_INVALID, "error", entry.span, `\`${shown(entry.raw)}\`: ${problem} for \`${resource.name}\``, `write the VFs as \`${shown(entry.key)}#first-last\`, or indices and ranges separated by commas, without spaces (\`${shown(entry.key)}#0,2-7\`)`);
    }
    for (const list of [resource.selectors.pfNames, resource.selectors.rootDevices]) {
      for (const { entry, readInstead } of shadowedEntries(list)) {
        const first = namedVfs(readInstead);
        const rest = entry.raw.slice(entry.key.length + 1);
        report(
          PLUGIN_VF_RANGE_INVALID,
          "error",
          entry.span,
          `\`${shown(entry.raw)}\` is never read: the device plugin takes the first entry for \`${shown(entry.key)}\`, \`${shown(readInstead.raw)}\` (${first === null ? "every VF" : `VF${first.length === 1 ? "" : "s"} ${indexRuns(first)}`}), and \`${resource.name}\` gets no VF by this one`,
          first === null
            ? `\`${shown(readInstead.raw)}\` takes every VF of it already: delete this entry`
            : !entry.raw.includes("#")
              ? `to take every VF of it, delete \`${shown(readInstead.raw)}\``
              : `write one entry with both VF lists: \`${shown(`${readInstead.raw},${rest}`)}\``,
          [{ span: readInstead.span, message: "the entry read instead" }],
        );
      }
    }
    // The plugin's config.json runs on every node (a DaemonSet): each node's PFs that the selectors pick.
    for (const [node, pfs] of inventory) {
      for (const pf of pfs) {
        const pick = pickPf(resource.selectors, { name: pf.name, pci: pf.pci, vendor: pf.vendor, vfs: pf.vfFacts });
        if (pick === undefined || pf.vfs === undefined) continue;
        for (const entry of [pick.pfName, pick.rootDevice]) if (entry !== undefined) checkAgainstVfs(entry, node, pf.name, pf.vfs, pf.totalVfs);
      }
    }

    function checkAgainstVfs(entry: PluginSelectorEntry, node: string, pfName: string, existing: { count: number; said: string; span: Span }, totalVfs: number | undefined): void {
      const vfs = namedVfs(entry);
      if (vfs === null || vfs.length === 0) return;
      const missing = vfs.filter((v) => v >= existing.count);
      if (missing.length === 0) return;
      const have = existing.count;
      const kept = vfs.length - missing.length;
      const outcome = kept === 0 ? `the device plugin finds none of them, and \`${resource.name}\` gets no VF of it` : `the device plugin finds only ${kept} of them, and \`${resource.name}\` gets ${plural(kept, "VF")} of it, not ${vfs.length}`;
      const last = vfs[vfs.length - 1]!;
      const canCreate = totalVfs === undefined || last < totalVfs;
      const help =
        have > 0 && !canCreate
          ? `\`${pfName}\` supports ${totalVfs} VFs (totalvfs): end the range at VF ${Math.min(have, totalVfs!) - 1}`
          : have > 0
            ? `end the range at VF ${have - 1}, or create ${last + 1} VFs on \`${pfName}\` (a SriovNetworkNodePolicy's \`numVfs: ${last + 1}\`)`
            : canCreate
              ? `create the VFs first (a SriovNetworkNodePolicy's \`numVfs: ${last + 1}\`), or name another PF`
              : `\`${pfName}\` supports ${totalVfs} VFs (totalvfs): create them (a SriovNetworkNodePolicy's \`numVfs\`) and end the range at VF ${totalVfs! - 1} at most`;
      report(
        PLUGIN_VF_RANGE_INVALID,
        "error",
        entry.span,
        `\`${shown(entry.raw)}\` takes VF${vfs.length === 1 ? "" : "s"} ${indexRuns(vfs)} of \`${pfName}\` on node \`${node}\`, which has ${have === 0 ? "no VFs" : `${plural(have, "VF")} (${have === 1 ? "0" : `0–${have - 1}`})`}: ${existing.said}; ${outcome}`,
        help,
        [{ span: existing.span, message: `${pfName}'s VFs` }],
      );
    }
  }
}
