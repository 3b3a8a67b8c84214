/** `vmdq-pools-exceeds-max`: a PF sets `vmdq_pools` above what its NIC model has (or the model has no VMDq). */
import { byId } from "../semantics/model.js";
import { pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { ifaceFacts, KIND, VMDQ } from "./iface-facts.js";
import { plural } from "../domain/plural.js";

export const vmdqPoolsExceedsMax: Rule = {
  meta: ruleMeta({
    id: "vmdq-pools-exceeds-max",
    defaultSeverity: "error",
    category: "resources",
    summary: "A PF sets `vmdq_pools` above what its NIC model has, or on a model without VMDq.",
    fixable: true,
  }),
  check(model, context) {
    // vmdq(...) interfaces per PF, by the PF's position in `model.pfs`, from the attachments read once per
    // check for every rule (iface-facts.ts).
    const { flags, target } = ifaceFacts(model);
    const used = new Int32Array(model.pfs.length);
    for (let i = 0; i < flags.length; i++) if ((flags[i]! & KIND) === VMDQ) used[target[i]!]!++;
    for (let p = 0; p < model.pfs.length; p++) {
      const pf = model.pfs[p]!;
      const span = pf.spans.attrs.vmdq_pools;
      const nicModel = byId(model.lookup.nics, pf.nic).model;
      const limit = nicModel.vmdqPoolsPerPf;
      if (span === undefined || pf.vmdqPools <= limit) continue;
      const inUse = used[p]!;
      const modelName = nicModel.id;
      // Lowering to the limit is safe only when every vmdq(...) interface still gets a pool.
      const fixes = inUse <= limit ? [{ description: `lower \`vmdq_pools\` to ${limit}, the ${modelName} limit`, safe: true, edits: [{ range: span, text: String(limit) }] }] : [];
      if (limit === 0) {
        context.report({
          span,
          message: `${pfRef(pf)} sets \`vmdq_pools = ${pf.vmdqPools}\`, but the ${modelName} has no VMDq`,
          help: inUse === 0 ? `remove \`vmdq_pools\`, or write \`vmdq_pools = 0\`` : `attach its ${plural(inUse, "vmdq(...) interface")} with \`vf(${pfRef(pf)})\` or \`vswitch(...)\`, or use a NIC with VMDq`,
          fixes,
        });
        continue;
      }
      context.report({
        span,
        message: `${pfRef(pf)} sets \`vmdq_pools = ${pf.vmdqPools}\`, but the ${modelName} has at most ${limit} VMDq pools per PF`,
        help: inUse <= limit ? `lower \`vmdq_pools\` to ${limit} or less` : `${plural(inUse, "interface")} use \`vmdq(${pfRef(pf)})\`: move ${inUse - limit} of them to \`vf(${pfRef(pf)})\` or \`vswitch(...)\``,
        fixes,
      });
    }
  },
};
