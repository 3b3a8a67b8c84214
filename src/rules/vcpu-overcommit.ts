/**
 * `vcpu-overcommit`: the vCPUs of a host's VMs, with the cores its containers run on, exceed the cores left
 * to guests (its cores less its hypervisor cores) times `overcommit`.
 */
import { ruleMeta, type Rule } from "./rule.js";
import { guestFacts } from "./iface-facts.js";
import { plural } from "../domain/plural.js";

/** What a host's guests ask of its cores: its VMs' vCPUs and its containers' cores (pinned or allocated). */
interface CoreDemand {
  vcpus: number;
  containerCores: number;
}

/** Who takes the cores, in the message's words; the VMs-only wording is the rule's original one. */
function demandText(demand: CoreDemand, host: string): string {
  if (demand.containerCores === 0) return `the VMs on ${host} have ${demand.vcpus} vCPUs`;
  if (demand.vcpus === 0) return `the containers on ${host} take ${plural(demand.containerCores, "core")}`;
  const total = demand.vcpus + demand.containerCores;
  return `the VMs and containers on ${host} take ${total} cores (${plural(demand.vcpus, "vCPU")} and ${plural(demand.containerCores, "container core")})`;
}

/** The host's hypervisor cores that it has (a core past `cores` is `invalid-value`'s finding, not a core). */
function hypervisorCoresOf(host: { readonly cores: number; readonly hypervisorCores: readonly number[] }): number {
  let count = 0;
  for (let i = 0; i < host.hypervisorCores.length; i++) if (host.hypervisorCores[i]! < host.cores) count++;
  return count;
}

export const vcpuOvercommit: Rule = {
  meta: ruleMeta({
    id: "vcpu-overcommit",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "The vCPUs of a host's VMs, with its containers' cores, exceed the cores its hypervisor leaves them times `overcommit`.",
  }),
  check(model, context) {
    // Per host (by position in `model.hosts`), from the guests' hosts, vCPUs and pins read once per check
    // for every rule (iface-facts.ts), summed in the guests' order.
    const guests = guestFacts(model);
    const hosts = model.hosts;
    const vcpus = new Float64Array(hosts.length);
    const containerCores = new Float64Array(hosts.length);
    const hasGuests = new Uint8Array(hosts.length);
    const vmCount = model.vms.length;
    for (let g = 0; g < vmCount; g++) {
      vcpus[guests.host[g]!]! += guests.vcpus[g]!;
      hasGuests[guests.host[g]!] = 1;
    }
    // A container runs on the cores of its `pin` (one allocated core when left out), like a pinned vCPU each.
    for (let g = vmCount; g < guests.host.length; g++) {
      containerCores[guests.host[g]!]! += guests.coreStart[g + 1]! - guests.coreStart[g]!;
      hasGuests[guests.host[g]!] = 1;
    }
    for (let p = 0; p < hosts.length; p++) {
      if (hasGuests[p] === 0) continue;
      const host = hosts[p]!;
      const demand: CoreDemand = { vcpus: vcpus[p]!, containerCores: containerCores[p]! };
      const total = demand.vcpus + demand.containerCores;
      // Guests get the cores the hypervisor does not keep, as automatic pinning gives them (allocation.ts:
      // every core when the hypervisor names them all). Past those, a guest shares a core with another
      // guest or with the hypervisor's interrupts and vSwitches. Bare metal has no hypervisor to keep any
      // (as for pin-overlap): its containers count against every core.
      const reserved = host.hypervisor === "none" ? 0 : hypervisorCoresOf(host);
      const cores = reserved === 0 || reserved === host.cores ? host.cores : host.cores - reserved;
      const ratio = host.overcommit;
      // Compare in whole percent, so 150% of 4 cores allows exactly 6 vCPUs despite floating point.
      const percent = Math.round(ratio * 100);
      if (total * 100 <= cores * percent) continue;
      const movable = demand.containerCores === 0 ? "VMs" : demand.vcpus === 0 ? "containers" : "VMs or containers";
      const what = cores === host.cores ? `its ${plural(cores, "core")}` : `its ${plural(cores, "core")} outside ${reserved === 1 ? "the hypervisor core" : `the ${plural(reserved, "hypervisor core")}`}`;
      const related = [];
      if (host.spans.attrs.overcommit !== undefined) related.push({ span: host.spans.attrs.overcommit, message: `overcommit = ${percent}% here` });
      if (cores !== host.cores && host.spans.attrs.hypervisor_cores !== undefined) related.push({ span: host.spans.attrs.hypervisor_cores, message: "hypervisor cores set here" });
      context.report({
        span: host.spans.name,
        message: `${demandText(demand, host.name)}, but ${what} allow ${Math.floor((cores * percent) / 100)} at \`overcommit = ${percent}%\``,
        related,
        help: `raise \`overcommit\` on ${host.name} to ${Math.ceil((total * 100) / cores)}% if sharing cores is intended, or move ${movable} to another host`,
      });
    }
  },
};
