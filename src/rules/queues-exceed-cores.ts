/**
 * `queues-exceed-cores`: an interface asks for more RSS queues than the cores that can serve them: a VM's
 * vCPUs, a container's pinned cores, the host kernel's cores for a host's own interface. Queues are placed
 * on those cores in order, wrapping, so the extra queues share cores and add interrupts (or, with DPDK,
 * polling loops) without adding capacity.
 */
import { topologyOf } from "../semantics/linked.js";
import { ifaceRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import type { IfaceView } from "./topology.js";

/** The cores an interface's queues are spread over, and how to name them in a message. */
function servingCores(iface: IfaceView): { count: number; what: string; help: string } {
  if (iface.vm !== undefined) {
    const vcpus = iface.vm.vcpus.value;
    return { count: vcpus, what: `vm ${iface.vm.name} has ${vcpus} vCPU${vcpus === 1 ? "" : "s"}`, help: `or give vm ${iface.vm.name} more \`vcpus\`` };
  }
  if (iface.container !== undefined) {
    const cores = iface.container.pin.value.length;
    return { count: cores, what: `container ${iface.container.name} has ${cores} core${cores === 1 ? "" : "s"}`, help: `or pin container ${iface.container.name} to more cores` };
  }
  const host = iface.host;
  const kernelCores = host.hypervisor.value === "none" ? host.cores.value : host.hypervisorCores.value.length;
  const what = host.hypervisor.value === "none" ? `host ${host.name} has ${kernelCores} core${kernelCores === 1 ? "" : "s"}` : `host ${host.name} runs its own stack on ${kernelCores} hypervisor core${kernelCores === 1 ? "" : "s"}`;
  return { count: kernelCores, what, help: host.hypervisor.value === "none" ? "" : "or add `hypervisor_cores`" };
}

export const queuesExceedCores: Rule = {
  meta: ruleMeta({
    id: "queues-exceed-cores",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "An interface has more queues than the cores that can serve them.",
  }),
  check(model, context) {
    for (const iface of topologyOf(model).ifaces) {
      const queues = iface.queues.value;
      if (queues <= 1) continue;
      const cores = servingCores(iface);
      if (queues <= cores.count) continue;
      context.report({
        span: iface.queues.span ?? iface.nameSpan,
        message: `${ifaceRef(iface)} has ${queues} queues, but ${cores.what} to serve them: ${queues - cores.count} ${queues - cores.count === 1 ? "queue shares a core" : "queues share cores"} with another queue`,
        help: `set \`queues = ${Math.max(1, cores.count)}\`${cores.help === "" ? "" : `, ${cores.help}`}`,
      });
    }
  },
};
