/** `vmdq-pools-exhausted`: more `vmdq(p)` interfaces than the PF has VMDq pools (or the PF has no VMDq). */
import { byId, type Iface } from "../semantics/model.js";
import { attachSpan, ifaceRef, pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { plural, push } from "./topology.js";

export const vmdqPoolsExhausted: Rule = {
  meta: ruleMeta({
    id: "vmdq-pools-exhausted",
    defaultSeverity: "error",
    category: "resources",
    summary: "More `vmdq(p)` interfaces than the PF has VMDq pools (or the PF has no VMDq).",
  }),
  check(model, context) {
    const users = new Map<string, Iface[]>();
    for (const iface of model.ifaces) if (iface.attachment.kind === "vmdq") push(users, iface.attachment.pf, iface);
    for (const [pfId, ifaces] of users) {
      const pf = byId(model.lookup.pfs, pfId);
      const pools = pf.vmdqPools;
      if (ifaces.length <= pools) continue;
      const first = ifaces[pools]!;
      const poolsSpan = pf.spans.attrs.vmdq_pools;
      const related = poolsSpan === undefined ? [] : [{ span: poolsSpan, message: `vmdq_pools = ${pools} here` }];
      if (pools === 0) {
        context.report({
          span: attachSpan(first),
          message: `${pfRef(pf)} has no VMDq pools, so ${ifaceRef(first)} cannot use \`vmdq(${pfRef(pf)})\``,
          related,
          help: `set \`vmdq_pools\` on ${pfRef(pf)} (if the ${byId(model.lookup.nics, pf.nic).model.id} has VMDq), or attach with \`vf(${pfRef(pf)})\` or \`vswitch(...)\``,
        });
        continue;
      }
      context.report({
        span: attachSpan(first),
        message: `no VMDq pool left on ${pfRef(pf)} for ${ifaceRef(first)}: ${plural(ifaces.length, "interface")} use \`vmdq(${pfRef(pf)})\`, but it has ${plural(pools, "pool")}`,
        related,
        help: `raise \`vmdq_pools\` on ${pfRef(pf)} to ${ifaces.length}, or attach some of them with \`vf(${pfRef(pf)})\` or \`vswitch(...)\``,
      });
    }
  },
};
