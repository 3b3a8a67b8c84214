/** `msix-exhausted`: the interrupt vectors needed by a PF's queues and VMDq pools exceed its MSI-X vectors. */
import { byId, type NicModel } from "../semantics/model.js";
import { pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { ifaceFacts, KIND, VMDQ } from "./iface-facts.js";
import { andList } from "./topology.js";

/**
 * Raise `msix` when the NIC model has that many vectors per PF (the catalogue's `msixPerPf`, which is also
 * the default); else fewer VMDq pools, or another model. The PF's own queues are the catalogue's figure,
 * which no attribute lowers: fewer pools are a way out only when the admin vector and those queues fit.
 */
function msixHelp(pf: string, nicModel: NicModel, needed: number, msix: number, queues: number, used: number): string {
  const most = nicModel.msixPerPf;
  if (needed <= most) return `raise \`msix\` on ${pf} to ${needed} (the ${nicModel.id} has ${most} per PF)${used > 0 && 1 + queues <= msix ? ", or use fewer VMDq pools" : ""}`;
  if (used > 0 && 1 + queues < most) return `use fewer VMDq pools on ${pf} (move some \`vmdq(${pf})\` interfaces to \`vf(${pf})\` or \`vswitch(...)\`): the ${nicModel.id} has at most ${most} MSI-X vectors per PF`;
  return `use a NIC model with more than ${most} MSI-X vectors per PF: the ${nicModel.id} has no more`;
}

export const msixExhausted: Rule = {
  meta: ruleMeta({
    id: "msix-exhausted",
    defaultSeverity: "error",
    category: "resources",
    summary: "The interrupt vectors needed by a PF's queues and VMDq pools exceed its MSI-X vectors.",
  }),
  check(model, context) {
    // Per PF (by its position in `model.pfs`): the pools in use and their queues. Only vmdq(...)
    // interfaces are read, found by the attachment kinds read once per check for every rule (iface-facts.ts).
    const { flags, target } = ifaceFacts(model);
    const pools = new Int32Array(model.pfs.length);
    const poolQueues = new Float64Array(model.pfs.length);
    // Each queue of a pool (`queues = N` on a vmdq interface) takes a vector of the PF.
    for (let i = 0; i < flags.length; i++) {
      if ((flags[i]! & KIND) !== VMDQ) continue;
      pools[target[i]!]!++;
      poolQueues[target[i]!]! += model.ifaces[i]!.queues;
    }
    for (let p = 0; p < model.pfs.length; p++) {
      const pf = model.pfs[p]!;
      // One vector for the PF's admin interrupt, one per receive queue the PF driver opens (the catalogue's
      // figure), one per VMDq pool in use. VFs have MSI-X tables of their own.
      const queues = pf.queues;
      const poolCount = pools[p]!;
      const used = poolQueues[p]!;
      const needed = 1 + queues + used;
      const msix = pf.msix;
      if (needed <= msix) continue;
      const parts = ["1 for the PF itself"];
      if (queues > 0) parts.push(`${queues} for its receive queues`);
      if (used > 0) parts.push(used === poolCount ? `${used} for VMDq pools in use` : `${used} for the queues of the ${poolCount} VMDq pools in use`);
      context.report({
        span: pf.spans.attrs.msix ?? pf.spans.name,
        message: `${pfRef(pf)} needs ${needed} MSI-X vectors, but it has ${msix}: ${andList(parts)}`,
        help: msixHelp(pfRef(pf), byId(model.lookup.nics, pf.nic).model, needed, msix, queues, used),
      });
    }
  },
};
