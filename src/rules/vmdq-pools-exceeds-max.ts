/** `vmdq-pools-exceeds-max`: a PF sets `vmdq_pools` above what its NIC model has (or the model has no VMDq). */
import { topologyOf } from "../semantics/linked.js";
import { pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { plural } from "./topology.js";

export const vmdqPoolsExceedsMax: Rule = {
  meta: ruleMeta({
    id: "vmdq-pools-exceeds-max",
    defaultSeverity: "error",
    category: "resources",
    summary: "A PF sets `vmdq_pools` above what its NIC model has, or on a model without VMDq.",
    fixable: true,
  }),
  check(model, context) {
    const topology = topologyOf(model);
    const used = new Map<string, number>();
    for (const iface of topology.ifaces) if (iface.attachment.kind === "vmdq") used.set(iface.attachment.pf.id, (used.get(iface.attachment.pf.id) ?? 0) + 1);
    for (const pf of topology.pfs) {
      const span = pf.vmdqPools.span;
      const limit = pf.modelVmdqPools;
      if (span === undefined || pf.vmdqPools.value <= limit) continue;
      const inUse = used.get(pf.id) ?? 0;
      const model = pf.nic.model;
      // Lowering to the limit is safe only when every vmdq(...) interface still gets a pool.
      const fixes = inUse <= limit ? [{ description: `lower \`vmdq_pools\` to ${limit}, the ${model} limit`, safe: true, edits: [{ range: span, text: String(limit) }] }] : [];
      if (limit === 0) {
        context.report({
          span,
          message: `${pfRef(pf)} sets \`vmdq_pools = ${pf.vmdqPools.value}\`, but the ${model} has no VMDq`,
          help: inUse === 0 ? `remove \`vmdq_pools\`, or set it to 0` : `attach its ${plural(inUse, "vmdq(...) interface")} with \`vf(${pfRef(pf)})\` or \`vswitch(...)\`, or use a NIC with VMDq`,
          fixes,
        });
        continue;
      }
      context.report({
        span,
        message: `${pfRef(pf)} sets \`vmdq_pools = ${pf.vmdqPools.value}\`, but the ${model} has at most ${limit} VMDq pools per PF`,
        help: inUse <= limit ? `lower \`vmdq_pools\` to ${limit} or less` : `${plural(inUse, "interface")} use \`vmdq(${pfRef(pf)})\`: move ${inUse - limit} of them to \`vf(${pfRef(pf)})\` or \`vswitch(...)\``,
        fixes,
      });
    }
  },
};
