/** `vmdq-pools-exhausted`: more `vmdq(p)` interfaces than the PF has VMDq pools (or the PF has no VMDq). */
import { byId, type Iface } from "../semantics/model.js";
import { ifaceFacts, KIND, VMDQ } from "./iface-facts.js";
import { attachSpan, ifaceRef, pfRef } from "./names.js";
import { acceptedAlternatives, orList } from "./alternatives.js";
import { ruleMeta, type Rule } from "./rule.js";
import { push } from "./topology.js";
import { plural } from "../domain/plural.js";

export const vmdqPoolsExhausted: Rule = {
  meta: ruleMeta({
    id: "vmdq-pools-exhausted",
    defaultSeverity: "error",
    category: "resources",
    summary: "More `vmdq(p)` interfaces than the PF has VMDq pools (or the PF has no VMDq).",
  }),
  check(model, context) {
    // Per PF (by its position in `model.pfs`), its vmdq(...) interfaces: found by the attachment kinds
    // read once per check for every rule (iface-facts.ts). An indexed loop: a `for...of` stayed
    // unoptimized long enough to allocate an iterator result per interface.
    const { flags, target } = ifaceFacts(model);
    const users = new Map<number, Iface[]>();
    for (let i = 0; i < flags.length; i++) if ((flags[i]! & KIND) === VMDQ) push(users, target[i]!, model.ifaces[i]!);
    for (const [p, ifaces] of users) {
      const pf = model.pfs[p]!;
      const nicModel = byId(model.lookup.nics, pf.nic).model;
      const pools = pf.vmdqPools;
      const poolsSpan = pf.spans.attrs.vmdq_pools;
      if (ifaces.length <= pools) continue;
      const first = ifaces[pools]!;
      // Every interface left without a pool is a location of this one finding (the PF's pools are the cause).
      const without = ifaces.slice(pools);
      const related = [
        ...(poolsSpan === undefined ? [] : [{ span: poolsSpan, message: `vmdq_pools = ${pools} here` }]),
        ...without.slice(1).map((iface) => ({ span: attachSpan(iface), message: `${ifaceRef(iface)} gets no pool either` })),
      ];
      const ownMessage = (iface: Iface) =>
        pools === 0
          ? `${pfRef(pf)} has no VMDq pools, so ${ifaceRef(iface)} cannot use \`vmdq(${pfRef(pf)})\``
          : `no VMDq pool left on ${pfRef(pf)} for ${ifaceRef(iface)}: ${plural(ifaces.length, "interface")} use \`vmdq(${pfRef(pf)})\`, but it has ${plural(pools, "pool")}`;
      const locations = without.map((iface) => ({ span: attachSpan(iface), message: ownMessage(iface) }));
      const others = acceptedAlternatives(first, model, ["vf", "vswitch"]);
      const move = others.length === 0 ? "" : `, or attach ${pools === 0 ? ifaceRef(first) : "some of them"} with ${orList(others)}`;
      let help: string;
      if (pools === 0) {
        help =
          nicModel.vmdqPoolsPerPf > 0
            ? `set \`vmdq_pools\` on ${pfRef(pf)} (the ${nicModel.id} has up to ${nicModel.vmdqPoolsPerPf})${move}`
            : `the ${nicModel.id} has no VMDq${others.length === 0 ? ": use a NIC with VMDq" : `: attach ${ifaceRef(first)} with ${orList(others)}`}`;
      } else {
        help =
          ifaces.length <= nicModel.vmdqPoolsPerPf
            ? `raise \`vmdq_pools\` on ${pfRef(pf)} to ${ifaces.length}${move}`
            : `the ${nicModel.id} has at most ${nicModel.vmdqPoolsPerPf} pools per PF${others.length === 0 ? ": move some of these interfaces to another PF" : `: attach some of them with ${orList(others)}`}`;
      }
      context.report({ span: attachSpan(first), message: ownMessage(first), related, locations, help });
    }
  },
};
