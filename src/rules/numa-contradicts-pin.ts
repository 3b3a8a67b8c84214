/** `numa-contradicts-pin`: a VM's or container's `numa` names another NUMA node than the cores it is pinned to. */
import { coreNumaNode, type Host, type Model } from "../semantics/model.js";
import type { Span } from "../syntax/span.js";
import { guestAt, guestFacts, type GuestFacts } from "./iface-facts.js";
import { ruleMeta, type Rule } from "./rule.js";
import { andList, formatCores, hostNumaNodes } from "./topology.js";

/** Whether one of `cores` is on NUMA node `node` of `host` (no list made: most guests agree with their pins). */
function onNode(host: Pick<Host, "cores" | "numaNodes">, cores: readonly number[], start: number, end: number, node: number): boolean {
  for (let i = start; i < end; i++) if (coreNumaNode(host, cores[i]!) === node) return true;
  return false;
}

/** Whether every one of `cores` is on NUMA node `node` of `host`. */
function allOn(host: Pick<Host, "cores" | "numaNodes">, cores: readonly number[], start: number, end: number, node: number): boolean {
  for (let i = start; i < end; i++) if (coreNumaNode(host, cores[i]!) !== node) return false;
  return true;
}

/**
 * Whether every guest that takes its `numa` from the one written at `span` (a template's, or a replicated
 * block's, is shared) has all its cores on `node`: only then does writing `node` there fix this guest
 * without contradicting another. Only guests declaring the same node can share the span.
 */
function sharersAllOn(model: Model, guests: GuestFacts, span: Span, declared: number, node: number): boolean {
  for (let g = 0; g < guests.host.length; g++) {
    if (guests.numa[g] !== declared) continue;
    const start = guests.coreStart[g]!;
    const end = guests.coreStart[g + 1]!;
    if (start === end) continue;
    const shared = guestAt(model, g).spans.attrs.numa;
    if (shared === undefined || shared.file !== span.file || shared.start !== span.start) continue;
    const host = model.hosts[guests.host[g]!]!;
    for (let i = start; i < end; i++) if (coreNumaNode(host, guests.cores[i]!) !== node) return false;
  }
  return true;
}

export const numaContradictsPin: Rule = {
  meta: ruleMeta({
    id: "numa-contradicts-pin",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "A VM's or container's `numa` names another NUMA node than the cores it is pinned to.",
    fixable: true,
  }),
  check(model, context) {
    // A container runs on its cores as a pinned VM does (its VF's interrupts land on them): the same check.
    // Hosts, pins and `numa` of the VMs, then the containers, read once per check for every rule
    // (iface-facts.ts): a guest is looked at only when it contradicts its pins.
    const guests = guestFacts(model);
    // Whether a shared `numa` may be fixed, by its place and the node: asked once per template, not per user.
    const fixable = new Map<string, boolean>();
    const mayFix = (span: Span, declared: number, node: number): boolean => {
      const key = `${span.file}\u0000${span.start}\u0000${node}`;
      let answer = fixable.get(key);
      if (answer === undefined) fixable.set(key, (answer = sharersAllOn(model, guests, span, declared, node)));
      return answer;
    };
    for (let g = 0; g < guests.host.length; g++) {
      const start = guests.coreStart[g]!;
      const end = guests.coreStart[g + 1]!;
      if (start === end) continue;
      const declared = guests.numa[g]!;
      const host = model.hosts[guests.host[g]!]!;
      // Agrees when one of its cores is on the declared node (the only one, or one of several) — unless
      // automatic pinning gave it the others because its node ran short: the author asked for one node.
      if (onNode(host, guests.cores, start, end, declared)) {
        if (guests.explicitPin[g] === 1 || allOn(host, guests.cores, start, end, declared)) continue;
        const guest = guestAt(model, g);
        const declaredSpan = guest.spans.attrs.numa;
        if (declaredSpan === undefined) continue;
        const away = guest.pin.cores.filter((core) => coreNumaNode(host, core) !== declared);
        context.report({
          span: declaredSpan,
          message: `${guest.kind} ${guest.name} says \`numa = ${declared}\`, but node ${declared} has too few free cores for it: automatic pinning gave it cores ${formatCores(guest.pin.cores)}, of which ${formatCores(away)} ${away.length === 1 ? "is" : "are"} on another node`,
          related: [],
          help: `free cores of node ${declared} for ${guest.name} (or give it fewer vCPUs), or pin it`,
          fixes: [],
        });
        continue;
      }
      const guest = guestAt(model, g);
      // A written `numa` is the model's `numa` (only a left-out one follows the pins). Its span is made
      // when read: only here, for a contradiction.
      const declaredSpan = guest.spans.attrs.numa;
      if (declaredSpan === undefined) continue;
      const nodes = [...new Set(guest.pin.cores.map((core) => coreNumaNode(host, core)))].sort((a, b) => a - b);
      const one = guest.pin.cores.length === 1;
      const cores = `${one ? "core" : "cores"} ${formatCores(guest.pin.cores)}`;
      const pinSpan = guest.pin.kind === "explicit" ? guest.spans.attrs.pin : undefined;
      const pinned = guest.pin.kind === "explicit" ? `pinned to ${cores}` : `given ${cores} by automatic pinning`;
      const where = nodes.length === 1 ? `node ${nodes[0]}` : `nodes ${andList(nodes.map(String))}`;
      const which = one ? "which is" : "which are";
      context.report({
        span: declaredSpan,
        message: `${guest.kind} ${guest.name} says \`numa = ${declared}\`, but it is ${pinned}, ${which} on NUMA ${where}: it runs on ${where}, not ${declared}`,
        related: pinSpan === undefined ? [] : [{ span: pinSpan, message: `pinned here, to cores on ${where}` }],
        help:
          nodes.length === 1
            ? `set \`numa = ${nodes[0]}\` (or leave \`numa\` out: the pins then decide the node)${declared < host.numaNodes ? `, or pin ${guest.name} to cores of node ${declared}` : `: ${hostNumaNodes(host)}`}`
            : `pin ${guest.name} to cores of one node, then set \`numa\` to that node (or leave \`numa\` out)`,
        fixes: nodes.length === 1 && mayFix(declaredSpan, declared, nodes[0]!) ? [{ description: `set \`numa = ${nodes[0]}\`, the node of its cores`, safe: true, edits: [{ range: declaredSpan, text: String(nodes[0]) }] }] : [],
      });
    }
  },
};
