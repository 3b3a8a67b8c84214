/** `vf-count-exceeds-max`: a PF enables more VFs than it (or its NIC model, across all its PFs) supports. */
import { byId, takesVf, type Model, type Pf } from "../semantics/model.js";
import { pfRef } from "./names.js";
import type { Fix } from "../diagnostics/diagnostic.js";
import { ruleMeta, type Rule } from "./rule.js";
import { push } from "./topology.js";

/**
 * `vfs = max`, offered (and safe) only when it raises nothing else: every VF user keeps its VF, and the
 * device's total over all its PFs stays within the model's limit.
 */
function lowerToLimitFix(model: Model, pf: Pf, max: number, used: { count: number; highest: number } | undefined, siblings: readonly Pf[]): Fix[] {
  const vfsSpan = pf.spans.attrs.vfs;
  if (vfsSpan === undefined || (used !== undefined && (used.count > max || used.highest >= max))) return [];
  const total = siblings.reduce((sum, other) => sum + (other === pf ? max : other.vfs), 0);
  if (total > byId(model.lookup.nics, pf.nic).model.maxVfsPerDevice) return [];
  return [{ description: `lower \`vfs\` to ${max}`, safe: true, edits: [{ range: vfsSpan, text: String(max) }] }];
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
    const byNic = new Map<string, Pf[]>();
    const nicsOverPfLimit = new Set<string>();
    // VF users per PF, and the highest index asked for: lowering `vfs` must leave every one its VF.
    // Counted only for a finding's fix: a walk over every interface at each check cost more than the rest.
    let users: Map<string, { count: number; highest: number }> | undefined;
    const usersOf = (): Map<string, { count: number; highest: number }> => {
      if (users !== undefined) return users;
      users = new Map();
      for (const iface of model.ifaces) {
        const attachment = iface.attachment;
        if (!takesVf(attachment)) continue;
        const entry = users.get(attachment.pf) ?? { count: 0, highest: -1 };
        entry.count += 1;
        if (attachment.slot.kind === "explicit") entry.highest = Math.max(entry.highest, attachment.slot.index);
        users.set(attachment.pf, entry);
      }
      return users;
    };
    for (const pf of model.pfs) push(byNic, pf.nic, pf);
    for (const pf of model.pfs) {
      const vfs = pf.vfs;
      const max = pf.maxVfs;
      if (vfs <= max) continue;
      nicsOverPfLimit.add(pf.nic);
      const maxVfsSpan = pf.spans.attrs.max_vfs;
      const limit = maxVfsSpan === undefined ? `the ${byId(model.lookup.nics, pf.nic).model.id} limit` : "its `max_vfs`";
      context.report({
        span: pf.spans.attrs.vfs ?? pf.spans.name,
        message: `${pfRef(pf)} enables ${vfs} VFs, but it supports at most ${max} (${limit})`,
        related: maxVfsSpan === undefined ? [] : [{ span: maxVfsSpan, message: `max_vfs = ${max} here` }],
        help: `lower \`vfs\` on ${pfRef(pf)} to ${max} or less`,
        fixes: lowerToLimitFix(model, pf, max, usersOf().get(pf.id), byNic.get(pf.nic) ?? []),
      });
    }
    // The device-wide limit only matters once every PF is within its own (else the same VFs count twice).
    for (const [nicId, pfs] of byNic) {
      if (nicsOverPfLimit.has(nicId)) continue;
      const nic = byId(model.lookup.nics, nicId);
      const deviceMax = nic.model.maxVfsPerDevice;
      const total = pfs.reduce((sum, pf) => sum + pf.vfs, 0);
      if (total <= deviceMax) continue;
      context.report({
        span: nic.spans.name,
        message: `the PFs of ${nic.name} enable ${total} VFs in all, but the ${nic.model.id} supports at most ${deviceMax} per device`,
        related: pfs.filter((pf) => pf.vfs > 0).map((pf) => ({ span: pf.spans.attrs.vfs ?? pf.spans.name, message: `${pf.name} enables ${pf.vfs}` })),
        help: `enable at most ${deviceMax} VFs over all the PFs of ${nic.name}`,
      });
    }
  },
};
