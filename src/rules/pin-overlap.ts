/** `pin-overlap`: two VMs are pinned to a shared core, or a VM to a hypervisor core. */
import { topologyOf } from "../semantics/linked.js";
import { ruleMeta, type Rule } from "./rule.js";
import { andList, coresLiteral, formatCores, push, type HostView, type VmView } from "./topology.js";

export const pinOverlap: Rule = {
  meta: ruleMeta({
    id: "pin-overlap",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "Two VMs are pinned to a shared core, or a VM to a hypervisor core.",
  }),
  check(model, context) {
    // Per host: which VM each core went to first. One pass over the VMs' pins.
    const owners = new Map<HostView, Map<number, VmView>>();
    const hypervisorCores = new Map<HostView, Set<number>>();
    for (const vm of topologyOf(model).vms) {
      const { host } = vm;
      let owner = owners.get(host);
      if (owner === undefined) owners.set(host, (owner = new Map()));
      let hypervisor = hypervisorCores.get(host);
      if (hypervisor === undefined) hypervisorCores.set(host, (hypervisor = new Set(host.hypervisor.value === "none" ? [] : host.hypervisorCores.value)));
      const span = vm.pin.span ?? vm.nameSpan;
      // Allocated pins avoid hypervisor cores and taken cores until a host runs out of cores, which is
      // vcpu-overcommit's finding; only pins the author wrote are reported here, but every VM claims its cores.
      const onHypervisor = vm.explicitPin ? vm.pin.value.filter((core) => hypervisor.has(core)) : [];
      if (onHypervisor.length > 0) {
        const cores = formatCores(onHypervisor);
        const one = new Set(onHypervisor).size === 1;
        context.report({
          span,
          message: `vm ${vm.name} is pinned to ${one ? "core" : "cores"} ${cores}, which ${one ? "runs" : "run"} the hypervisor (\`hypervisor_cores = ${coresLiteral([...hypervisor])}\`)`,
          related: host.hypervisorCores.span === undefined ? [] : [{ span: host.hypervisorCores.span, message: "hypervisor cores set here" }],
          help: `pin ${vm.name} to cores that are not hypervisor cores`,
        });
      }
      const shared = new Map<VmView, number[]>();
      for (const core of vm.pin.value) {
        const first = owner.get(core);
        if (first === undefined) owner.set(core, vm);
        else if (first !== vm) push(shared, first, core);
      }
      if (shared.size === 0 || !vm.explicitPin) continue;
      const parts = [...shared].map(([other, cores]) => `${new Set(cores).size === 1 ? "core" : "cores"} ${formatCores(cores)} with vm ${other.name}`);
      context.report({
        span,
        message: `vm ${vm.name} shares ${andList(parts)}`,
        related: [...shared.keys()].map((other) => ({ span: other.pin.span ?? other.nameSpan, message: `vm ${other.name} is pinned here` })),
        help: "give each VM cores of its own",
      });
    }
  },
};
