/** `vf-count-exceeds-max`: a PF enables more VFs than it (or its NIC model, across all its PFs) supports. */
import { topologyOf } from "../semantics/linked.js";
import { pfRef } from "./names.js";
import type { Fix } from "../diagnostics/diagnostic.js";
import { ruleMeta, type Rule } from "./rule.js";
import { push, type NicView, type PfView } from "./topology.js";

/**
 * `vfs = max`, offered (and safe) only when it raises nothing else: every VF user keeps its VF, and the
 * device's total over all its PFs stays within the model's limit.
 */
function lowerToLimitFix(pf: PfView, max: number, used: { count: number; highest: number } | undefined, siblings: readonly PfView[]): Fix[] {
  if (pf.vfs.span === undefined || (used !== undefined && (used.count > max || used.highest >= max))) return [];
  const total = siblings.reduce((sum, other) => sum + (other === pf ? max : other.vfs.value), 0);
  if (pf.nic.deviceMaxVfs !== undefined && total > pf.nic.deviceMaxVfs) return [];
  return [{ description: `lower \`vfs\` to ${max}`, safe: true, edits: [{ range: pf.vfs.span, text: String(max) }] }];
}

export const vfCountExceedsMax: Rule = {
  meta: ruleMeta({
    id: "vf-count-exceeds-max",
    defaultSeverity: "error",
    category: "resources",
    summary: "A PF enables more VFs than it (or its NIC model, across all its PFs) supports.",
    fixable: true,
  }),
  check(model, context) {
    const topology = topologyOf(model);
    const byNic = new Map<NicView, PfView[]>();
    const nicsOverPfLimit = new Set<NicView>();
    // VF users per PF, and the highest index asked for: lowering `vfs` must leave every one its VF.
    const users = new Map<PfView, { count: number; highest: number }>();
    for (const iface of topology.ifaces) {
      if (iface.attachment.kind !== "vf") continue;
      const entry = users.get(iface.attachment.pf) ?? { count: 0, highest: -1 };
      entry.count += 1;
      if (iface.attachment.explicit && iface.attachment.index !== undefined) entry.highest = Math.max(entry.highest, iface.attachment.index);
      users.set(iface.attachment.pf, entry);
    }
    for (const pf of topology.pfs) push(byNic, pf.nic, pf);
    for (const pf of topology.pfs) {
      const { value: vfs } = pf.vfs;
      const max = pf.maxVfs.value;
      if (vfs <= max) continue;
      nicsOverPfLimit.add(pf.nic);
      const limit = pf.maxVfs.span === undefined ? `the ${pf.nic.model} limit` : "its `max_vfs`";
      context.report({
        span: pf.vfs.span ?? pf.nameSpan,
        message: `${pfRef(pf)} enables ${vfs} VFs, but supports at most ${max} (${limit})`,
        related: pf.maxVfs.span === undefined ? [] : [{ span: pf.maxVfs.span, message: `max_vfs = ${max} here` }],
        help: `lower \`vfs\` on ${pfRef(pf)} to ${max} or less`,
        fixes: lowerToLimitFix(pf, max, users.get(pf), byNic.get(pf.nic) ?? []),
      });
    }
    // The device-wide limit only matters once every PF is within its own (else the same VFs count twice).
    for (const [nic, pfs] of byNic) {
      if (nic.deviceMaxVfs === undefined || nicsOverPfLimit.has(nic)) continue;
      const total = pfs.reduce((sum, pf) => sum + pf.vfs.value, 0);
      if (total <= nic.deviceMaxVfs) continue;
      context.report({
        span: nic.nameSpan,
        message: `the PFs of ${nic.name} enable ${total} VFs in all, but the ${nic.model} supports at most ${nic.deviceMaxVfs} per device`,
        related: pfs.filter((pf) => pf.vfs.value > 0).map((pf) => ({ span: pf.vfs.span ?? pf.nameSpan, message: `${pf.name} enables ${pf.vfs.value}` })),
        help: `enable at most ${nic.deviceMaxVfs} VFs over all the PFs of ${nic.name}`,
      });
    }
  },
};
