/**
 * Hover: an attribute's type, default and doc; what a reference resolves to; a NIC model's catalogue entry
 * with the source of each figure; an `attach`'s data path in words with its analytic cost; a rule's summary
 * in a suppression comment.
 */
import { MarkupKind, type Hover, type HoverParams } from "vscode-languageserver/node";
import { parseDirectives } from "../diagnostics/suppressions.js";
import { ruleDocUrl } from "../rules/docs.js";
import { findRule } from "../rules/registry.js";
import { defaultCatalogue } from "../semantics/catalogue.js";
import type { Iface, NicModel, Topology } from "../semantics/model.js";
import { representorVswitch } from "../semantics/switchdev.js";
import { KIND_NOUN } from "../semantics/scopes.js";
import type { Attribute, Block, Template } from "../syntax/ast.js";
import type { Span } from "../syntax/span.js";
import { attributeDoc, attributeSpec } from "./attribute-info.js";
import type { FileContext, ProgramView } from "./context.js";
import { compactNumber } from "./cost.js";
import { expandedNames, locate, symbolAt, type SymbolDecl } from "./symbols.js";
import { hostOfId } from "../domain/entity-id.js";

function markdown(value: string, span: Span, context: FileContext): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range: context.range(span) };
}

export function hover(context: FileContext, params: HoverParams): Hover | null {
  const ast = context.ast;
  if (ast === undefined) return null;
  const offset = context.offsetAt(params.position);

  for (const directive of parseDirectives(ast)) {
    for (const rule of directive.rules) {
      if (offset < rule.span.start || offset > rule.span.end) continue;
      const found = findRule(rule.id);
      if (found === undefined) return markdown(`\`${rule.id}\` is not a sriovc rule id`, rule.span, context);
      return markdown(
        `**${found.meta.id}** (${found.meta.category}, ${found.meta.defaultSeverity} by default)\n\n${found.meta.summary}\n\n[Documentation](${ruleDocUrl(found.meta)})`,
        rule.span,
        context,
      );
    }
  }

  const { blocks, attribute } = locate(ast, offset);
  const block = blocks[blocks.length - 1];
  if (attribute !== undefined && block !== undefined && attribute.name.span.start <= offset && offset <= attribute.name.span.end) {
    return attributeHover(block, attribute, context);
  }
  // A reference inside a value is more specific than the value: `pf0` in `vf(x710.pf0)` says what it names.
  const found = symbolAt(context.index, context.displayPath, offset);
  if (found !== undefined) {
    const text = found.isDeclaration ? declarationText(found.decl, context) : referenceText(found.decl, context);
    return markdown(text + loadText(found.decl, context.widest()), found.span, context);
  }
  if (attribute !== undefined && block !== undefined && attribute.name.name === "attach" && block.blockKind === "iface" && offset >= attribute.value.span.start) {
    const text = attachHover(context, block);
    if (text !== undefined) return markdown(text, attribute.value.span, context);
  }
  // On the value only (as for `attach`): on the `=` the hover's range, the value's, would not hold the cursor.
  if (attribute !== undefined && block?.blockKind === "nic" && attribute.name.name === "model" && attribute.value.kind === "String" && offset >= attribute.value.span.start) {
    const model = defaultCatalogue().models.get(attribute.value.value);
    if (model !== undefined) return markdown(catalogueEntry(model), attribute.value.span, context);
  }
  return null;
}

function attributeHover(block: Block | Template, attribute: Attribute, context: FileContext): Hover | null {
  if (block.blockKind === "cost") return null;
  const spec = attributeSpec(block.blockKind, attribute.name.name);
  const doc = attributeDoc(block.blockKind, attribute.name.name);
  if (spec === undefined) return null;
  return markdown(`**${attribute.name.name}** (\`${block.blockKind}\`): ${spec.type}, default ${spec.default}\n\n${doc ?? ""}`.trim(), attribute.name.span, context);
}

/** Full names listed in a hover on a name that declares several; past this, the first and the last. */
const MAX_LISTED_NAMES = 4;

function nounOf(decl: SymbolDecl): string {
  return decl.kind === "template" ? `template (${(decl.node as Template).blockKind})` : KIND_NOUN[decl.kind];
}

function declaredAt(decl: SymbolDecl, context: FileContext): string {
  const where = context.location(decl.nameSpan);
  return where === undefined ? decl.file : `${decl.file}:${where.range.start.line + 1}`;
}

function descriptionOf(decl: SymbolDecl): string {
  const description = decl.node.members.find((m): m is Attribute => m.kind === "Attribute" && m.name.name === "description");
  return description?.value.kind === "String" ? `\n\n${description.value.value}` : "";
}

/** The name as its declaration writes it: `web[1..3]`. */
function writtenName(node: Block | Template): string {
  if (node.kind === "Template") return node.name.name;
  const range = node.name?.range;
  return `${node.name?.base.name ?? ""}${range === undefined ? "" : `[${range.from.raw}..${range.to.raw}]`}`;
}

/**
 * On a declared name: what it declares. One name (`web[1..3]` declares three, and so does each block
 * inside it, or inside a template used three times) lists all the names, not the first alone.
 */
function declarationText(decl: SymbolDecl, context: FileContext): string {
  const all = context.declsByNode.get(decl.node) ?? [decl];
  if (all.length <= 1) return referenceText(decl, context);
  const ids = all.map((d) => `\`${d.id}\``);
  const listed = ids.length <= MAX_LISTED_NAMES ? ids.join(", ") : `${ids[0]} … ${ids[ids.length - 1]}`;
  return `${nounOf(decl)} \`${writtenName(decl.node)}\` — declares ${all.length}: ${listed}; declared at ${declaredAt(decl, context)}${descriptionOf(decl)}`;
}

/** On a reference: the one declaration it reaches; of a replicated block, which copy. */
function referenceText(decl: SymbolDecl, context: FileContext): string {
  const copies = decl.replicated ? expandedNames(decl.node) : [];
  const where = copies.length > 1 ? `copy ${copies.indexOf(decl.name) + 1} of ${copies.length} of \`${writtenName(decl.node)}\`, declared at` : "declared at";
  return `${nounOf(decl)} \`${decl.id}\` — ${where} ${declaredAt(decl, context)}${descriptionOf(decl)}`;
}

const FIGURE_LABELS: readonly [keyof NicModel, string, (model: NicModel) => string][] = [
  ["maxVfsPerPf", "max VFs per PF", (m) => String(m.maxVfsPerPf)],
  ["maxVfsPerDevice", "max VFs per device", (m) => String(m.maxVfsPerDevice)],
  ["queuesPerPf", "queues per PF", (m) => String(m.queuesPerPf)],
  ["msixPerPf", "MSI-X vectors per PF", (m) => String(m.msixPerPf)],
  ["vmdqPoolsPerPf", "VMDq pools per PF", (m) => String(m.vmdqPoolsPerPf)],
  ["defaultItrS", "ITR default", (m) => (m.defaultItrS === 0 ? "0 (none)" : `${Math.round(m.defaultItrS * 1e6)} µs`)],
  ["defaultSpeedBps", "default speed", (m) => `${m.defaultSpeedBps / 1e9} Gbps`],
  ["ports", "ports", (m) => String(m.ports)],
  ["switchdev", "switchdev (hardware offload)", (m) => (m.switchdev ? "yes" : "no")],
  ["offloadFeatures", "offloadable features", (m) => (m.offloadFeatures.length === 0 ? "none" : m.offloadFeatures.join(", "))],
  ["vdpa", "vDPA", (m) => (m.vdpa ? "yes" : "no")],
  ["maxQueuesPerVf", "max queues per VF", (m) => String(m.maxQueuesPerVf)],
  ["maxQueuesPerVmdqPool", "max queues per VMDq pool", (m) => String(m.maxQueuesPerVmdqPool)],
];

export function catalogueEntry(model: NicModel): string {
  const rows = FIGURE_LABELS.map(([field, label, show]) => `| ${label} | ${show(model)} | ${(model.sources[field] ?? "").replace(/\|/g, "\\|")} |`);
  return [`**${model.name}** (\`${model.id}\`, ${model.vendor}, driver \`${model.driver}\`)`, "", "| | | source |", "|---|---|---|", ...rows].join("\n");
}

/** The vSwitch a PF's host-side traffic meets: the first that lists the PF among its uplinks. */
function vswitchOf(model: Topology, pf: string): Topology["vswitches"][number] | undefined {
  return model.vswitches.find((s) => s.uplinks.includes(pf));
}

/** Cores listed in a load hover; past this, how many more. */
const MAX_LISTED_CORES = 4;

/**
 * On a host, or one VM or container: the analytic load of its cores that work on packets, busiest first,
 * as `simulate`'s analytic section gives it (a host's with their roles). Empty for anything else, for a name
 * that declares several, and while the program does not check.
 */
function loadText(decl: SymbolDecl, view: ProgramView): string {
  if ((decl.kind !== "host" && decl.kind !== "vm" && decl.kind !== "container") || (view.declsByNode.get(decl.node)?.length ?? 1) > 1) return "";
  const cost = view.cost;
  if (cost === undefined) return "";
  const host = decl.kind === "host" ? decl.id : hostOfId(decl.id);
  const role = `${decl.kind}:${decl.id.slice(host.length + 1)}`;
  const cores = cost.cores.filter((core) => core.host === host && core.utilization > 0 && (decl.kind === "host" || core.role === role)).sort((a, b) => b.utilization - a.utilization || a.core - b.core);
  if (cores.length === 0) return `\n\nAnalytic load: no core of this ${KIND_NOUN[decl.kind]} works on packets.`;
  const percent = (fraction: number): string => `${fraction < 0.005 ? "under 1" : Math.round(fraction * 100)} %`;
  // A polling core is busy all the time; its figure is the share of its loop that packets take.
  const listed = cores.slice(0, MAX_LISTED_CORES).map((core) => `core ${core.core}${decl.kind === "host" ? ` (${core.role})` : ""} ${core.spins ? `polling, ${percent(core.utilization)} on packets` : percent(core.utilization)}`);
  const more = cores.length > MAX_LISTED_CORES ? `, and ${cores.length - MAX_LISTED_CORES} more` : "";
  // Judged at the busiest stretch of the run, as cpu-saturated judges it (traffic with start or stop).
  const peak = cores.reduce((top, core) => (core.peakUtilization > top.peakUtilization ? core : top), cores[0]!);
  const over = peak.peakUtilization > 1 ? ` **Core ${peak.core} is above 100 %${peak.peakUtilization > peak.utilization ? ` (${percent(peak.peakUtilization)} at its busiest)` : ""}: it cannot keep up, and packets are dropped.**` : "";
  return `\n\nAnalytic load (busy time with packet work): ${listed.join(", ")}${more}.${over}`;
}

/** What an interface's data path is, keeps and loses, in words, with the analytic cost. */
export function dataPathText(model: Topology, iface: Iface, context: { cost: ProgramView["cost"] }): string {
  const a = iface.attachment;
  const lines: string[] = [];
  switch (a.kind) {
    case "vf": {
      const sw = vswitchOf(model, a.pf);
      const index = a.slot.kind === "exhausted" ? "no VF (none left)" : `VF ${a.slot.index}${a.slot.kind === "allocated" ? " (the next free one, in source order)" : ""}`;
      lines.push(
        iface.owner.kind === "container"
          ? `**SR-IOV** ${index} of \`${a.pf}\` in the container's namespace (SR-IOV CNI): the host kernel's VF driver, a hardware interrupt on the container's core, no VM exit.`
          : iface.owner.kind === "host"
            ? `**SR-IOV** ${index} of \`${a.pf}\`, the host's own: the host kernel's VF driver, a hardware interrupt on a host core, no VM exit.`
            : `**SR-IOV** ${index} of \`${a.pf}\`: the NIC switches frames straight into the VM; no host CPU on the data path, no live migration.`,
      );
      // A representor port only on a PF in switchdev mode with a NIC that has it (the decision lowering makes).
      lines.push(sw === undefined ? "No vSwitch serves this PF: nothing to bypass." : representorVswitch(model, a.pf) !== undefined ? `A representor port of vSwitch \`${sw.id}\` (hardware offload): the features its NIC can offload still apply; \`${a.pf}\` is in switchdev mode.` : `Bypasses vSwitch \`${sw.id}\`: loses ${sw.features.length === 0 ? "nothing (it has no features)" : sw.features.map((f) => `\`${f}\``).join(", ")}.`);
      break;
    }
    case "vdpa": {
      const index = a.slot.kind === "exhausted" ? "no VF (none left)" : `VF ${a.slot.index}`;
      lines.push(`**vDPA** on ${index} of \`${a.pf}\`: the VF's datapath speaks virtio; the guest runs virtio-net, the NIC writes into guest memory (no copy). The VM does not live-migrate transparently: libvirt refuses it, and OpenStack Nova unplugs the device and plugs a new one on the destination.`);
      break;
    }
    case "vmdq": {
      const sw = vswitchOf(model, a.pf);
      lines.push(`**VMDq** pool ${a.pool ?? "— none left"} of \`${a.pf}\`: the NIC sorts frames into the VM's queue pool; the host still copies each packet.`);
      lines.push(sw === undefined ? "No vSwitch serves this PF." : `Keeps vSwitch \`${sw.id}\`'s features: ${sw.features.length === 0 ? "none" : sw.features.map((f) => `\`${f}\``).join(", ")}.`);
      break;
    }
    case "vswitch": {
      const sw = model.lookup.vswitches.get(a.vswitch);
      lines.push(`**vSwitch** \`${a.vswitch}\`${sw === undefined ? "" : ` (${sw.type})`}: every packet is switched in software on a hypervisor core.`);
      if (sw !== undefined) lines.push(`Keeps all its features: ${sw.features.length === 0 ? "none" : sw.features.map((f) => `\`${f}\``).join(", ")}.`);
      break;
    }
    case "pf":
      lines.push(`**PF** \`${a.pf}\` itself: the host kernel's own stack on the port (bare metal); no vSwitch, no VM.`);
      break;
  }
  if (iface.driver === "dpdk") lines.push("**DPDK** poll-mode driver: its queues' cores poll (busy at any load); no interrupts, no VM exits.");
  if (iface.queues > 1) lines.push(`${iface.queues} RSS queues, one core each; one flow always lands on one queue.`);
  const cost = context.cost?.ifaces.get(iface.id);
  if (cost !== undefined && cost.estimate.offeredPps > 0) {
    const e = cost.estimate;
    const irqs = e.perS.hw_irqs + e.perS.virtual_irqs + e.perS.posted_irqs;
    const core = cost.busiestCore;
    lines.push(
      `Analytic cost: **${Math.round(e.cyclesPerPacket).toLocaleString("en")} cycles/packet**, ${compactNumber(irqs)} interrupts/s, ${compactNumber(e.perS.vm_exits)} VM exits/s` +
        (core === undefined ? "." : `; busiest core: ${core.host} core ${core.core} (${core.role}) at ${Math.round(core.utilization * 100)} %.`),
    );
  } else if (context.cost === undefined) {
    lines.push("Analytic cost: not available until the program checks without errors.");
  } else {
    lines.push("Analytic cost: no traffic reaches this interface.");
  }
  return lines.join("\n\n");
}

function attachHover(context: FileContext, block: Block | Template): string | undefined {
  const view = context.widest();
  const model = view.model;
  if (model === undefined) return "Data path and cost: not available while the program has syntax errors.";
  const decls = view.declsByNode.get(block) ?? [];
  const parts: string[] = [];
  for (const decl of decls.slice(0, 4)) {
    const iface = model.lookup.ifaces.get(decl.id);
    if (iface === undefined) continue;
    parts.push(`${decls.length > 1 ? `\`${decl.id}\`: ` : ""}${dataPathText(model, iface, view)}`);
  }
  if (decls.length > 4) parts.push(`…and ${decls.length - 4} more replicas.`);
  return parts.length === 0 ? undefined : parts.join("\n\n---\n\n");
}
