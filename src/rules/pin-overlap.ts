/**
 * `pin-overlap`: two VMs (or containers) are pinned to a shared core, or one to a hypervisor core. On a
 * bare-metal host (`hypervisor = none`), `hypervisor_cores` are its housekeeping cores: they still take the
 * host's interrupts and run its vSwitches, and pinning leaves them out, so a container pinned there is
 * reported too (a DPDK pod polling on them starves what they serve).
 */
import type { Container, Vm } from "../semantics/model.js";
import { guestAt, guestFacts } from "./iface-facts.js";
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

/** A host's cores as the guests claim them: the first guest on each core (by core number), and the hypervisor's. */
interface HostCores {
  readonly owner: (number | undefined)[];
  readonly hypervisor: ReadonlySet<number>;
}

/** Whether one of `cores[start..end)` is in `set`. */
function anyIn(cores: readonly number[], start: number, end: number, set: ReadonlySet<number>): boolean {
  for (let i = start; i < end; i++) if (set.has(cores[i]!)) return true;
  return false;
}

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

function sameSpan(a: Span, b: Span): boolean {
  return a.file === b.file && a.start === b.start && a.end === b.end;
}

export const pinOverlap: Rule = {
  meta: ruleMeta({
    id: "pin-overlap",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "Two VMs or containers are pinned to a shared core, or one to a hypervisor core.",
  }),
  check(model, context) {
    // Per host (by position in `model.hosts`), one record: which guest (VM or container, by its position in
    // the guests' order of iface-facts.ts) each core went to first, by core number in an array (cores are
    // small whole numbers), and the hypervisor's cores. One pass over the guests' hosts and pins, read once
    // per check for every rule: a guest is looked at only for a finding.
    const guests = guestFacts(model);
    const perHost: (HostCores | undefined)[] = [];
    for (let g = 0; g < guests.host.length; g++) {
      const h = guests.host[g]!;
      let record = perHost[h];
      if (record === undefined) {
        const host = model.hosts[h]!;
        record = perHost[h] = { owner: [], hypervisor: new Set(host.hypervisorCores) };
      }
      const { owner, hypervisor } = record;
      const start = guests.coreStart[g]!;
      const end = guests.coreStart[g + 1]!;
      const explicitPin = guests.explicitPin[g] === 1;
      // Allocated pins avoid hypervisor cores and written pins' cores until a host runs out of cores and
      // allocation goes round again, which is vcpu-overcommit's finding: only pins the author wrote are
      // reported here, and only they claim cores (else a written pin would be blamed for a core that
      // allocation went round onto, and only when its guest came later in the file).
      if (explicitPin && hypervisor.size > 0 && anyIn(guests.cores, start, end, hypervisor)) {
        const vm = guestAt(model, g);
        const host = model.hosts[h]!;
        const onHypervisor = coresIn(vm.pin.cores, hypervisor);
        const cores = formatCores(onHypervisor);
        const one = new Set(onHypervisor).size === 1;
        context.report({
          span: findingSpan(vm),
          message:
            host.hypervisor === "none"
              ? `${vm.kind} ${vm.name} is pinned to ${one ? "core" : "cores"} ${cores}, which ${one ? "takes" : "take"} the host's interrupts and ${one ? "runs" : "run"} its vSwitches (\`hypervisor_cores = ${coresLiteral([...hypervisor])}\`, the housekeeping cores of a bare-metal host)`
              : `${vm.kind} ${vm.name} is pinned to ${one ? "core" : "cores"} ${cores}, which ${one ? "runs" : "run"} the hypervisor (\`hypervisor_cores = ${coresLiteral([...hypervisor])}\`)`,
          related: host.spans.attrs.hypervisor_cores === undefined ? [] : [{ span: host.spans.attrs.hypervisor_cores, message: "hypervisor cores set here" }],
          help: host.hypervisor === "none" ? `pin ${vm.name} to cores outside \`hypervisor_cores\`` : `pin ${vm.name} to cores that are not hypervisor cores`,
        });
      }
      if (!explicitPin) continue;
      // Made on the first shared core only: most VMs share none, and a Map per VM was most of this rule's garbage.
      let shared: Map<Pinned, number[]> | undefined;
      for (let k = start; k < end; k++) {
        const core = guests.cores[k]!;
        const first = owner[core];
        if (first === undefined) owner[core] = g;
        else if (first !== g) push((shared ??= new Map()), guestAt(model, first), core);
      }
      if (shared === undefined) continue;
      const vm = guestAt(model, g);
      const parts = [...shared].map(([other, cores]) => `${new Set(cores).size === 1 ? "core" : "cores"} ${formatCores(cores)} with ${other.kind} ${other.name}`);
      const span = findingSpan(vm);
      context.report({
        span,
        message: `${vm.kind} ${vm.name} shares ${andList(parts)}`,
        // A copy of the same replicated block is pinned by the very same words: a note there adds nothing.
        related: [...shared.keys()].filter((other) => !sameSpan(findingSpan(other), span)).map((other) => ({ span: findingSpan(other), message: `${other.kind} ${other.name} is pinned here` })),
        help: vm.kind === "vm" && [...shared.keys()].every((other) => other.kind === "vm") ? "pin the VMs to different cores" : "pin the VMs and containers to different cores",
      });
    }
  },
};
