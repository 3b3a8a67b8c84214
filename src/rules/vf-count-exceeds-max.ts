/** `vf-count-exceeds-max`: a PF enables more VFs than it (or its NIC model, across all its PFs) supports. */
import { byId, type Pf } from "../semantics/model.js";
import { pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { push } from "./topology.js";

export const vfCountExceedsMax: Rule = {
  meta: ruleMeta({
    id: "vf-count-exceeds-max",
    defaultSeverity: "error",
    category: "resources",
    summary: "A PF enables more VFs than it (or its NIC model, across all its PFs) supports.",
  }),
  check(model, context) {
    const byNic = new Map<string, Pf[]>();
    const nicsOverPfLimit = new Set<string>();
    for (const pf of model.pfs) {
      push(byNic, pf.nic, pf);
      const vfs = pf.vfs;
      const max = pf.maxVfs;
      if (vfs <= max) continue;
      nicsOverPfLimit.add(pf.nic);
      const maxVfsSpan = pf.spans.attrs.max_vfs;
      const limit = maxVfsSpan === undefined ? `the ${byId(model.lookup.nics, pf.nic).model.id} limit` : "its `max_vfs`";
      context.report({
        span: pf.spans.attrs.vfs ?? pf.spans.name,
        message: `${pfRef(pf)} enables ${vfs} VFs, but supports at most ${max} (${limit})`,
        related: maxVfsSpan === undefined ? [] : [{ span: maxVfsSpan, message: `max_vfs = ${max} here` }],
        help: `lower \`vfs\` on ${pfRef(pf)} to ${max} or less`,
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
        message: `the PFs of ${nic.name} enable ${total} VFs in all, but a ${nic.model.id} supports at most ${deviceMax} per device`,
        related: pfs.filter((pf) => pf.vfs > 0).map((pf) => ({ span: pf.spans.attrs.vfs ?? pf.spans.name, message: `${pf.name} enables ${pf.vfs}` })),
        help: `enable at most ${deviceMax} VFs over all the PFs of ${nic.name}`,
      });
    }
  },
};
