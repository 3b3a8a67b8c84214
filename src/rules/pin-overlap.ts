/** `pin-overlap`: two VMs (or containers) are pinned to a shared core, or one to a hypervisor core. */
import { follower, type Container, type Host, type Vm } from "../semantics/model.js";
import type { Span } from "../syntax/span.js";
import { ruleMeta, type Rule } from "./rule.js";
import { andList, coresLiteral, formatCores, push } from "./topology.js";

/** VMs and containers alike own the cores they are pinned to. */
type Pinned = Vm | Container;

/** Where a pin is written: only an explicit pin has a place (an allocated one was left out). */
function pinSpan(pinned: Pinned): Span | undefined {
  return pinned.pin.kind === "explicit" ? pinned.spans.attrs.pin : undefined;
}

/** Where a finding about `pinned` points: its pin, else its name. Made only for a finding (a span is made when read). */
function findingSpan(pinned: Pinned): Span {
  return pinSpan(pinned) ?? pinned.spans.name;
}

const NO_CORES: readonly number[] = [];

/**
 * The cores of `cores` that are in `set`, in order: NO_CORES when none are (no list, and no closure, made
 * for each of the many guests pinned clear of the hypervisor: a `filter` per guest was most of this rule's
 * allocation).
 */
function coresIn(cores: readonly number[], set: ReadonlySet<number>): readonly number[] {
  let found: number[] | undefined;
  for (let i = 0; i < cores.length; i++) if (set.has(cores[i]!)) (found ??= []).push(cores[i]!);
  return found ?? NO_CORES;
}

export const pinOverlap: Rule = {
  meta: ruleMeta({
    id: "pin-overlap",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "Two VMs or containers are pinned to a shared core, or one to a hypervisor core.",
  }),
  check(model, context) {
    // Per host: which VM or container each core went to first. One pass over their pins.
    // Owners by core number in an array (cores are small whole numbers), not a map that grows per core.
    const owners = new Map<string, (Pinned | undefined)[]>();
    const hypervisorCores = new Map<string, Set<number>>();
    const pinnedOnes: readonly (readonly Pinned[])[] = [model.vms, model.containers];
    // The lists are in declaration order: the VMs of one host come together, so the last host's tables
    // are kept at hand rather than looked up again for each VM.
    const hostOf = follower(model.hosts, model.lookup.hosts);
    let lastHost: Host | undefined;
    let owner: (Pinned | undefined)[] = [];
    let hypervisor: Set<number> = new Set();
    for (const list of pinnedOnes) {
      for (const vm of list) {
        const host = hostOf(vm.host);
        if (host !== lastHost) {
          lastHost = host;
          let hostOwner = owners.get(host.id);
          if (hostOwner === undefined) owners.set(host.id, (hostOwner = []));
          let hostHypervisor = hypervisorCores.get(host.id);
          if (hostHypervisor === undefined) hypervisorCores.set(host.id, (hostHypervisor = new Set(host.hypervisor === "none" ? [] : host.hypervisorCores)));
          owner = hostOwner;
          hypervisor = hostHypervisor;
        }
        const explicitPin = vm.pin.kind === "explicit";
        // Allocated pins avoid hypervisor cores and taken cores until a host runs out of cores, which is
        // vcpu-overcommit's finding; only pins the author wrote are reported here, but every VM claims its cores.
        const onHypervisor = explicitPin && hypervisor.size > 0 ? coresIn(vm.pin.cores, hypervisor) : NO_CORES;
        if (onHypervisor.length > 0) {
          const cores = formatCores(onHypervisor);
          const one = new Set(onHypervisor).size === 1;
          context.report({
            span: findingSpan(vm),
            message: `${vm.kind} ${vm.name} is pinned to ${one ? "core" : "cores"} ${cores}, which ${one ? "runs" : "run"} the hypervisor (\`hypervisor_cores = ${coresLiteral([...hypervisor])}\`)`,
            related: host.spans.attrs.hypervisor_cores === undefined ? [] : [{ span: host.spans.attrs.hypervisor_cores, message: "hypervisor cores set here" }],
            help: `pin ${vm.name} to cores that are not hypervisor cores`,
          });
        }
        // Made on the first shared core only: most VMs share none, and a Map per VM was most of this rule's garbage.
        let shared: Map<Pinned, number[]> | undefined;
        for (const core of vm.pin.cores) {
          const first = owner[core];
          if (first === undefined) owner[core] = vm;
          else if (first !== vm) push((shared ??= new Map()), first, core);
        }
        if (shared === undefined || !explicitPin) continue;
        const parts = [...shared].map(([other, cores]) => `${new Set(cores).size === 1 ? "core" : "cores"} ${formatCores(cores)} with ${other.kind} ${other.name}`);
        context.report({
          span: findingSpan(vm),
          message: `${vm.kind} ${vm.name} shares ${andList(parts)}`,
          related: [...shared.keys()].map((other) => ({ span: findingSpan(other), message: `${other.kind} ${other.name} is pinned here` })),
          help: vm.kind === "vm" && [...shared.keys()].every((other) => other.kind === "vm") ? "give each VM cores of its own" : "give each VM and container cores of its own",
        });
      }
    }
  },
};
