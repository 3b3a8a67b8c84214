/** `vf-count-exceeds-max`: a PF enables more VFs than it (or its NIC model, across all its PFs) supports. */
import { topologyOf } from "../semantics/linked.js";
import { pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { push, type NicView, type PfView } from "./topology.js";

export const vfCountExceedsMax: Rule = {
  meta: ruleMeta({
    id: "vf-count-exceeds-max",
    defaultSeverity: "error",
    category: "resources",
    summary: "A PF enables more VFs than it (or its NIC model, across all its PFs) supports.",
  }),
  check(model, context) {
    const topology = topologyOf(model);
    const byNic = new Map<NicView, PfView[]>();
    const nicsOverPfLimit = new Set<NicView>();
    for (const pf of topology.pfs) {
      push(byNic, pf.nic, pf);
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
      });
    }
    // The device-wide limit only matters once every PF is within its own (else the same VFs count twice).
    for (const [nic, pfs] of byNic) {
      if (nic.deviceMaxVfs === undefined || nicsOverPfLimit.has(nic)) continue;
      const total = pfs.reduce((sum, pf) => sum + pf.vfs.value, 0);
      if (total <= nic.deviceMaxVfs) continue;
      context.report({
        span: nic.nameSpan,
        message: `the PFs of ${nic.name} enable ${total} VFs in all, but a ${nic.model} supports at most ${nic.deviceMaxVfs} per device`,
        related: pfs.filter((pf) => pf.vfs.value > 0).map((pf) => ({ span: pf.vfs.span ?? pf.nameSpan, message: `${pf.name} enables ${pf.vfs.value}` })),
        help: `enable at most ${nic.deviceMaxVfs} VFs over all the PFs of ${nic.name}`,
      });
    }
  },
};
