/** `vf-index-out-of-range`: `vf(p, i)` names a VF index that the PF does not enable. */
import { attachSpan, pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { ifaceFacts, SLOT_EXPLICIT, takesVfKind } from "./iface-facts.js";

/** What to do about VF `index` of a PF that enables `vfs` and supports `max`: raising `vfs` past `max` is vf-count-exceeds-max's error. */
function help(pf: string, index: number, vfs: number, max: number): string {
  if (index < max) return vfs === 0 ? `set \`vfs\` on ${pf} to at least ${index + 1}` : `use an index from 0 to ${vfs - 1}, or raise \`vfs\` on ${pf} to ${index + 1}`;
  if (max === 0) return `${pf} supports no VFs: attach with \`vmdq(...)\` or \`vswitch(...)\``;
  const supported = `${pf} supports at most ${max === 1 ? "1 VF (0)" : `${max} VFs (0–${max - 1})`}`;
  return vfs === 0 ? `set \`vfs\` on ${pf} and use an index below that number: ${supported}` : `use an index from 0 to ${vfs - 1}: ${supported}`;
}

export const vfIndexOutOfRange: Rule = {
  meta: ruleMeta({
    id: "vf-index-out-of-range",
    defaultSeverity: "error",
    category: "resources",
    summary: "`vf(p, i)` names a VF index that the PF does not enable.",
  }),
  check(model, context) {
    // Written VF indices, their PFs by position, from the attachments read once per check for every rule
    // (iface-facts.ts): an interface is looked at only for a finding.
    const { flags, target, slot } = ifaceFacts(model);
    for (let i = 0; i < flags.length; i++) {
      const f = flags[i]!;
      if ((f & SLOT_EXPLICIT) === 0 || !takesVfKind(f)) continue;
      const index = slot[i]!;
      const pf = model.pfs[target[i]!]!;
      const vfs = pf.vfs;
      if (index < vfs) continue;
      const iface = model.ifaces[i]!;
      const enabled = vfs === 0 ? "enables no VFs" : vfs === 1 ? "enables 1 VF (0)" : `enables ${vfs} VFs (0–${vfs - 1})`;
      context.report({
        span: attachSpan(iface),
        message: `VF ${index} does not exist: ${pfRef(pf)} ${enabled}`,
        related: pf.spans.attrs.vfs === undefined ? [] : [{ span: pf.spans.attrs.vfs, message: `${pfRef(pf)} enables ${vfs} here` }],
        help: help(pfRef(pf), index, vfs, pf.maxVfs),
      });
    }
  },
};
