/**
 * `vcpu-overcommit`: the vCPUs of a host's VMs, with the cores its containers run on, exceed its cores
 * times `overcommit`.
 */
import { ruleMeta, type Rule } from "./rule.js";
import { entryOf } from "./topology.js";

/** What a host's guests ask of its cores: its VMs' vCPUs and its containers' cores (pinned or allocated). */
interface CoreDemand {
  vcpus: number;
  containerCores: number;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** Who takes the cores, in the message's words; the VMs-only wording is the rule's original one. */
function demandText(demand: CoreDemand, host: string): string {
  if (demand.containerCores === 0) return `the VMs on ${host} have ${demand.vcpus} vCPUs`;
  if (demand.vcpus === 0) return `the containers on ${host} take ${plural(demand.containerCores, "core")}`;
  const total = demand.vcpus + demand.containerCores;
  return `the VMs and containers on ${host} take ${total} cores (${plural(demand.vcpus, "vCPU")} and ${plural(demand.containerCores, "container core")})`;
}

export const vcpuOvercommit: Rule = {
  meta: ruleMeta({
    id: "vcpu-overcommit",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "The vCPUs of a host's VMs, with its containers' cores, exceed its cores times `overcommit`.",
  }),
  check(model, context) {
    const demands = new Map<string, CoreDemand>();
    // The VMs of one host come together (declaration order): the last host's demand is kept at hand.
    const demandOf = entryOf(demands, (): CoreDemand => ({ vcpus: 0, containerCores: 0 }));
    // Indexed loops: a `for...of` here allocated an iterator result per VM while it was not yet optimized.
    const vms = model.vms;
    for (let i = 0; i < vms.length; i++) demandOf(vms[i]!.host).vcpus += vms[i]!.vcpus;
    // A container runs on the cores of its `pin` (one allocated core when left out), like a pinned vCPU each.
    const containers = model.containers;
    for (let i = 0; i < containers.length; i++) demandOf(containers[i]!.host).containerCores += containers[i]!.pin.cores.length;
    for (const host of model.hosts) {
      const demand = demands.get(host.id);
      if (demand === undefined) continue;
      const total = demand.vcpus + demand.containerCores;
      const cores = host.cores;
      const ratio = host.overcommit;
      // Compare in whole percent, so 150% of 4 cores allows exactly 6 vCPUs despite floating point.
      const percent = Math.round(ratio * 100);
      if (total * 100 <= cores * percent) continue;
      const movable = demand.containerCores === 0 ? "VMs" : demand.vcpus === 0 ? "containers" : "VMs or containers";
      context.report({
        span: host.spans.name,
        message: `${demandText(demand, host.name)}, but its ${cores} cores allow ${Math.floor((cores * percent) / 100)} at \`overcommit = ${percent}%\``,
        related: host.spans.attrs.overcommit === undefined ? [] : [{ span: host.spans.attrs.overcommit, message: `overcommit = ${percent}% here` }],
        help: `raise \`overcommit\` on ${host.name} to ${Math.ceil((total * 100) / cores)}% if sharing cores is intended, or move ${movable} to another host`,
      });
    }
  },
};
