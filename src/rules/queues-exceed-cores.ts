/**
 * `queues-exceed-cores`: an interface asks for more RSS queues than the cores that can serve them: a VM's
 * vCPUs, a container's pinned cores, the cores that take the host's interrupts for a host's own interface
 * (with DPDK on bare metal, all its cores). Queues are placed on those cores in order, wrapping, so the
 * extra queues share cores and add interrupts (or, with DPDK, polling loops) without adding capacity.
 */
import { byId, type Iface, type Model } from "../semantics/model.js";
import { ownIfaceCores } from "../semantics/interrupt-cores.js";
import { ifaceRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { ifaceFacts, MULTI_QUEUE } from "./iface-facts.js";
import { plural } from "../domain/plural.js";

/** The cores an interface's queues are spread over, and how to name them in a message. */
function servingCores(model: Model, iface: Iface): { count: number; what: string; help: string } {
  const owner = iface.owner;
  if (owner.kind === "vm") {
    const vm = byId(model.lookup.vms, owner.vm);
    const vcpus = vm.vcpus;
    return { count: vcpus, what: `vm ${vm.name} has ${plural(vcpus, "vCPU")}`, help: `or give vm ${vm.name} more \`vcpus\`${vm.pin.kind === "explicit" ? " and as many more cores in its `pin`" : ""}` };
  }
  if (owner.kind === "container") {
    const container = byId(model.lookup.containers, owner.container);
    const cores = container.pin.cores.length;
    return { count: cores, what: `container ${container.name} has ${plural(cores, "core")}`, help: `or pin container ${container.name} to more cores` };
  }
  const host = byId(model.lookup.hosts, iface.host);
  // The cores lowering spreads the queues over (ownIfaceCores): all of a bare-metal host's for DPDK, else
  // the cores that take the host's interrupts.
  const count = ownIfaceCores(host, iface.driver).length;
  if (host.hypervisor !== "none") return { count, what: `host ${host.name} runs its own stack on ${plural(count, "hypervisor core")}`, help: "or add `hypervisor_cores`" };
  if (iface.driver === "dpdk") return { count, what: `host ${host.name} has ${plural(count, "core")}`, help: "" };
  return { count, what: `host ${host.name} takes its device interrupts on ${plural(count, "housekeeping core")} (\`hypervisor_cores\`)`, help: "or add housekeeping cores to `hypervisor_cores`" };
}

export const queuesExceedCores: Rule = {
  meta: ruleMeta({
    id: "queues-exceed-cores",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "An interface has more queues than the cores that can serve them.",
  }),
  check(model, context) {
    // Only interfaces with more than one queue: their flags read once per check for every rule (iface-facts.ts).
    const { flags } = ifaceFacts(model);
    for (let i = 0; i < flags.length; i++) {
      if ((flags[i]! & MULTI_QUEUE) === 0) continue;
      const iface = model.ifaces[i]!;
      const queues = iface.queues;
      if (queues <= 1) continue;
      const cores = servingCores(model, iface);
      if (queues <= cores.count) continue;
      context.report({
        span: iface.spans.attrs.queues ?? iface.spans.name,
        message: `${ifaceRef(iface)} has ${queues} queues, but ${cores.what} to serve them: ${queues - cores.count} ${queues - cores.count === 1 ? "queue shares a core" : "queues share cores"} with another queue`,
        help: `set \`queues = ${Math.max(1, cores.count)}\`${cores.help === "" ? "" : `, ${cores.help}`}`,
      });
    }
  },
};
