/**
 * Completion. The context comes from the text before the cursor (blocks opened and not closed, the line so
 * far), so it works inside a half-typed block whatever the parser recovered; names come from the symbol
 * index of the latest analysis. Offers: the attributes of the current block not yet set and the blocks it
 * may hold, enum values, units after a number, the references valid at the cursor, and an import's path.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionParams, type Range } from "vscode-languageserver/node";
import { COST_ATTRIBUTES } from "../semantics/attributes.js";
import { defaultCatalogue } from "../semantics/catalogue.js";
import { DIMENSIONS, FEATURES, HYPERVISORS, IFACE_DRIVERS, VSWITCH_TYPES, type Dimension } from "../semantics/model.js";
import { ALLOWED_PARENTS, type Parent } from "../semantics/placement.js";
import { unitsOf } from "../semantics/units.js";
import { BLOCK_KINDS, type BlockKind } from "../syntax/ast.js";
import { attributeDoc, attributeNames, attributeSpec } from "./attribute-info.js";
import { CALL_FORMS, callLabel, callSnippet, type CallForm } from "./calls.js";
import type { FileContext } from "./context.js";
import { catalogueEntry } from "./hover.js";
import { importPathCompletions } from "./import-paths.js";
import { isLineBreak, lineEndAt, lineStartAt } from "./positions.js";
import type { SymbolDecl, SymbolIndex } from "./symbols.js";

interface OpenBlock {
  readonly kind: BlockKind | undefined;
  readonly name: string | undefined;
  readonly template: boolean;
  /** Offset of its `{`. */
  readonly open: number;
}

// Every block kind, from the grammar's list: a hand-written list had lost `container`, so nothing was offered in one.
const HEADER = new RegExp(`^(template\\s+)?(${BLOCK_KINDS.join("|")})\\b\\s*([A-Za-z_][A-Za-z0-9_-]*)?`);

/** The blocks open at `offset`, outermost first; strings and comments are skipped. */
export function openBlocks(text: string, offset: number): OpenBlock[] {
  return scanTo(text, offset).blocks;
}

/** Whether `offset` is in a comment or a string (where nothing is completed, and no call's arguments are helped). */
export function proseAt(text: string, offset: number): "string" | "comment" | undefined {
  return scanTo(text, offset).prose;
}

/**
 * The text up to `offset` read as the lexer would for completion: the blocks open there, and whether
 * `offset` is inside a comment or a string (prose, where nothing is completed: also in a block comment
 * opened lines before).
 */
function scanTo(text: string, offset: number): { blocks: OpenBlock[]; prose: "string" | "comment" | undefined } {
  const stack: OpenBlock[] = [];
  let statementStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === "/" && text[i + 1] === "/") {
      const end = lineEndAt(text, i);
      if (end >= offset) return { blocks: stack, prose: "comment" };
      i = end;
      statementStart = i + 1;
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      if (end === -1 || end + 2 > offset) return { blocks: stack, prose: "comment" };
      i = end + 1;
      continue;
    }
    if (c === '"') {
      for (i++; i < offset && text[i] !== '"' && !isLineBreak(text[i]); i++) if (text[i] === "\\") i++;
      if (i >= offset) return { blocks: stack, prose: "string" };
      continue;
    }
    if (c === "{") {
      const header = HEADER.exec(text.slice(statementStart, i).trim());
      stack.push({ kind: header?.[2] as BlockKind | undefined, name: header?.[3], template: header?.[1] !== undefined, open: i });
      statementStart = i + 1;
    } else if (c === "}") {
      stack.pop();
      statementStart = i + 1;
    } else if (isLineBreak(c) || c === ";") statementStart = i + 1;
  }
  return { blocks: stack, prose: undefined };
}

/** Attribute names already set directly in the block opened at `open` (its nested blocks excluded). */
export function attributesSet(text: string, open: number): Set<string> {
  const out = new Set<string>();
  let depth = 0;
  let lineStart = true;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (lineStart && depth === 0) {
      const match = /^[ \t]*([A-Za-z_][A-Za-z0-9_-]*)[ \t]*=/.exec(text.slice(i, i + 80));
      if (match) out.add(match[1]!);
    }
    lineStart = isLineBreak(c);
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"' && !isLineBreak(text[i]); i++) if (text[i] === "\\") i++;
    } else if (c === "/" && text[i + 1] === "/") {
      const end = lineEndAt(text, i);
      if (end === text.length) break;
      i = end - 1;
    } else if (c === "{" || c === "[" || c === "(") depth++;
    else if (c === "}" || c === "]" || c === ")") {
      if (depth === 0) break;
      depth--;
    }
  }
  return out;
}

function dimensionsOf(type: string): Dimension[] {
  return DIMENSIONS.filter((d) => type.includes(d));
}

const BOOLEAN_ATTRIBUTES = new Set(["iommu", "posted_interrupts", "live_migration", "spoofchk", "trust"]);

export function completion(context: FileContext, params: CompletionParams): CompletionItem[] {
  const text = context.text;
  const offset = context.offsetAt(params.position);
  const before = text.slice(lineStartAt(text, offset), offset);
  const { blocks, prose } = scanTo(text, offset);
  const block = blocks[blocks.length - 1];
  // An item replaces the word the cursor is in, up to its end, not only the part before the cursor:
  // accepted at `vf(|x.p0)`, `n.p1` gave `vf(n.p1x.p0)`. A string's closing quote goes with its word.
  const tail = /^[A-Za-z0-9_.-]*"?/.exec(text.slice(offset, lineEndAt(text, offset)))![0]!;
  const wordEnd = { line: params.position.line, character: params.position.character + (prose === "string" ? tail.length : tail.replace(/"$/, "").length) };
  const replace = (length: number): Range => ({ start: { line: params.position.line, character: params.position.character - length }, end: wordEnd });
  const hosts = (): HostsAt => hostsAt(context.index, blocks);

  if (prose === "string") {
    const paths = importPathCompletions(context.absolutePath, before, text.slice(offset, lineEndAt(text, offset)), params.position);
    if (paths !== undefined) return paths;
  }
  // `/` asks for completion only in an import's path, `"` only where a string opens (an import's path, a
  // NIC model): the two are trigger characters for those, and a closing quote or a comment's `/` is not.
  const trigger = params.context?.triggerCharacter;
  if (trigger === "/" || (trigger === '"' && prose !== "string")) return [];
  // Prose is not code: nothing in a comment or a string, but the NIC models in `model = "`.
  if (prose === "comment" || (prose === "string" && !/\bmodel\s*=\s*"[A-Za-z0-9_-]*$/.test(before))) return [];
  const assignment = /([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*(.*)$/.exec(before);
  if (assignment === null) {
    const word = /[A-Za-z_][A-Za-z0-9_-]*$/.exec(before)?.[0] ?? "";
    if (before.slice(0, before.length - word.length).trim() !== "") return [];
    return keyCompletions(text, block, replace(word.length));
  }
  const attribute = assignment[1]!;
  const value = assignment[2]!;
  const kind = block?.kind;

  const call = /\b(vf|vdpa|vmdq|pf|vswitch)\(\s*([A-Za-z0-9_.-]*)$/.exec(value);
  if (call !== null) {
    const partial = replace(call[2]!.length);
    if (call[1] === "vswitch") return referenceItems(hosts(), (host) => childrenOfKind(host, "vswitch").map((sw) => [sw.name, sw]), partial, context);
    return referenceItems(hosts(), pfsOf, partial, context);
  }
  if (attribute === "uplinks" && kind === "vswitch") {
    const partial = /([A-Za-z0-9_.-]*)$/.exec(value)![1]!;
    const taken = listItemsBefore(value.slice(0, value.length - partial.length));
    if (taken === undefined) return [];
    return referenceItems(hosts(), pfsOf, replace(partial.length), context).filter((item) => !taken.has(item.label));
  }
  const number = /(?:^|[^A-Za-z0-9_.])(\d+(?:\.\d+)?)([A-Za-z%]*)$/.exec(value);
  if (number !== null && kind !== undefined) {
    const type = kind === "cost" ? (COST_ATTRIBUTES.has(attribute) ? "work" : "") : (attributeSpec(kind, attribute)?.type ?? "");
    return dimensionsOf(type).flatMap((dimension) =>
      unitsOf(dimension).map((unit) => ({ label: `${number[1]}${unit}`, kind: CompletionItemKind.Unit, detail: dimension, filterText: `${number[1]}${unit}`, textEdit: { range: replace(number[0]!.length - (/^[^\d]/.test(number[0]!) ? 1 : 0)), newText: `${number[1]}${unit}` } })),
    );
  }
  const partial = /([A-Za-z0-9_.-]*)$/.exec(value)![1]!;
  const range = replace(partial.length);
  const words = (list: readonly string[], detail: string): CompletionItem[] => list.map((w) => ({ label: w, kind: CompletionItemKind.EnumMember, detail, textEdit: { range, newText: w } }));
  // The word at the cursor must start the value (or, for a list, an item in it): after a complete value
  // (`kvm `), in a call's other arguments (`vf(n.p0, `, `burst(`) or for a list outside its brackets, any
  // item would make invalid text.
  const lead = value.slice(0, value.length - partial.length).trim();
  if ((kind === "vswitch" && attribute === "features") || (kind === "iface" && attribute === "requires")) {
    const taken = listItemsBefore(lead);
    return taken === undefined ? [] : words(FEATURES.filter((f) => !taken.has(f)), "feature");
  }
  if (kind === "nic" && attribute === "model") {
    const quoted = /("?[A-Za-z0-9_-]*)$/.exec(value)![1]!;
    if (value.slice(0, value.length - quoted.length).trim() !== "") return [];
    return [...defaultCatalogue().models.values()].map((m) => ({
      label: m.id,
      kind: CompletionItemKind.Value,
      detail: m.name,
      documentation: { kind: MarkupKind.Markdown, value: catalogueEntry(m) },
      filterText: `"${m.id}`,
      textEdit: { range: replace(quoted.length), newText: `"${m.id}"` },
    }));
  }
  if (lead !== "") return [];
  if (kind === "traffic" && (attribute === "to" || attribute === "from")) {
    const ifaces = context.index.decls.filter((d) => d.kind === "iface").map((d) => referenceItem(d, d.id, range, context));
    return attribute === "from" ? [...words(["wire"], "from the wire"), ...ifaces] : [...words(["wire"], "transmit: out of the sending interface's PF"), ...ifaces];
  }
  if (kind === "host" && attribute === "hypervisor") return words(HYPERVISORS, "hypervisor");
  if (kind === "iface" && attribute === "driver") return words(IFACE_DRIVERS, "driver");
  if (kind === "vswitch" && attribute === "type") return words(VSWITCH_TYPES, "vSwitch type");
  if (BOOLEAN_ATTRIBUTES.has(attribute)) return words(["true", "false"], "bool");
  if (kind === "iface" && attribute === "mac") return words(["auto"], "a stable locally administered MAC");
  if ((kind === "iface" || kind === "traffic") && attribute === "vlan") return words(["none"], "untagged");
  if (kind === "traffic" && attribute === "size") return words(["imix"], "64, 576 and 1500 B in 7:4:1");
  if (kind === "traffic" && attribute === "pattern") return [...words(["constant", "poisson"], "arrival pattern"), ...callSnippets("pattern", range)];
  if (kind === "iface" && attribute === "attach") return callSnippets("attach", range);
  return [];
}

/**
 * The call forms of an attribute's value as snippets: each with its required parameters, then `vf(pf, index)`
 * with every parameter for a form that has optional ones.
 */
function callSnippets(attribute: CallForm["attribute"], range: Range): CompletionItem[] {
  return CALL_FORMS.filter((form) => form.attribute === attribute).flatMap((form) => {
    const required = form.parameters.filter((p) => p.optional !== true);
    const forms = required.length === form.parameters.length ? [required] : [required, form.parameters];
    return forms.map((parameters) => snippet(callLabel(form, parameters), callSnippet(form, parameters), form.doc, range));
  });
}

/**
 * The items already written in a list value whose next item starts at the end of `lead` (the value up to
 * the word at the cursor): `[a, b, ` gives a and b. Undefined when the cursor is not where an item starts
 * (outside the brackets, or right after an item), so nothing is offered there.
 */
function listItemsBefore(lead: string): Set<string> | undefined {
  const trimmed = lead.trim();
  if (!/^\[[^\]]*$/.test(trimmed) || !(trimmed.endsWith("[") || trimmed.endsWith(","))) return undefined;
  return new Set(
    trimmed
      .slice(1)
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== ""),
  );
}

function snippet(label: string, body: string, detail: string, range: Range, kind: CompletionItemKind = CompletionItemKind.Function): CompletionItem {
  return { label, kind, detail, insertTextFormat: InsertTextFormat.Snippet, textEdit: { range, newText: body } };
}

function childrenOfKind(decl: SymbolDecl, kind: SymbolDecl["kind"]): SymbolDecl[] {
  return [...decl.children.values()].filter((c) => c.kind === kind);
}

/** A host's PFs, as a reference from inside the host names them (`nic.pf`). */
function pfsOf(host: SymbolDecl): [string, SymbolDecl][] {
  return childrenOfKind(host, "nic").flatMap((nic) => childrenOfKind(nic, "pf").map((pf): [string, SymbolDecl] => [`${nic.name}.${pf.name}`, pf]));
}

/** The hosts a reference at the cursor is looked up on (`hostsAt`). */
interface HostsAt {
  readonly hosts: readonly SymbolDecl[];
  /** Whether a reference must resolve on all of them (else: on any, none being bound yet). */
  readonly every: boolean;
}

/**
 * The hosts a reference at the cursor is looked up on: the host the cursor is in; in a template's body
 * (LANGUAGE.md: a reference there names whatever the using host calls so), every host where the template
 * is used, or, when it is used nowhere yet, every host, any of which it may be used on.
 */
function hostsAt(index: SymbolIndex, blocks: readonly OpenBlock[]): HostsAt {
  const template = blocks[0]?.template === true ? blocks[0] : undefined;
  if (template === undefined) {
    const host = blocks.find((b) => b.kind === "host");
    const decl = host?.name === undefined ? undefined : index.top.get(host.name);
    return { hosts: decl === undefined ? [] : [decl], every: true };
  }
  const hostOf = (decl: SymbolDecl | undefined): SymbolDecl | undefined => (decl === undefined || decl.kind === "host" ? decl : hostOf(decl.parent));
  const using = new Set<SymbolDecl>();
  for (const decl of index.decls) {
    const node = decl.node;
    if (node.kind === "Block" && node.blockKind === template.kind && node.template?.name === template.name) {
      const host = hostOf(decl);
      if (host !== undefined) using.add(host);
    }
  }
  return using.size > 0 ? { hosts: [...using], every: true } : { hosts: [...index.top.values()].filter((decl) => decl.kind === "host"), every: false };
}

/** The references `namesOf` gives on the hosts, as `at` says: valid on every one, or on any (each label once, with the first host's declaration). */
function referenceItems(at: HostsAt, namesOf: (host: SymbolDecl) => [string, SymbolDecl][], range: Range, context: FileContext): CompletionItem[] {
  const perHost = at.hosts.map((host) => new Map(namesOf(host)));
  const seen = new Map<string, SymbolDecl>();
  for (const names of perHost) for (const [label, decl] of names) if (!seen.has(label)) seen.set(label, decl);
  return [...seen].filter(([label]) => !at.every || perHost.every((names) => names.has(label))).map(([label, decl]) => referenceItem(decl, label, range, context));
}

function referenceItem(decl: SymbolDecl, text: string, range: Range, context: FileContext): CompletionItem {
  const description = decl.node.members.find((m) => m.kind === "Attribute" && m.name.name === "description");
  const doc = description?.kind === "Attribute" && description.value.kind === "String" ? description.value.value : undefined;
  const where = context.location(decl.nameSpan);
  return {
    label: text,
    kind: CompletionItemKind.Reference,
    detail: `${decl.kind} ${decl.id}${where === undefined ? "" : ` (${decl.file}:${where.range.start.line + 1})`}`,
    ...(doc === undefined ? {} : { documentation: doc }),
    textEdit: { range, newText: text },
  };
}

/** Attributes of the current block not set yet, and the blocks it may hold; at the top: the top-level blocks. */
function keyCompletions(text: string, block: OpenBlock | undefined, range: Range): CompletionItem[] {
  const parent: Parent | undefined = block === undefined ? "top" : block.kind;
  if (parent === undefined) return [];
  const items: CompletionItem[] = [];
  if (block !== undefined && block.kind !== undefined) {
    const set = attributesSet(text, block.open);
    const names = block.kind === "cost" ? [...COST_ATTRIBUTES.keys(), "description"] : attributeNames(block.kind);
    for (const name of names) {
      if (set.has(name)) continue;
      const spec = attributeSpec(block.kind, name);
      const doc = attributeDoc(block.kind, name);
      items.push({
        label: name,
        kind: CompletionItemKind.Property,
        detail: spec === undefined ? "cost parameter" : `${spec.type}, default ${spec.default}`,
        ...(doc === undefined ? {} : { documentation: doc }),
        textEdit: { range, newText: `${name} = ` },
      });
    }
  }
  for (const kind of BLOCK_KINDS) {
    if (!ALLOWED_PARENTS[kind].includes(parent)) continue;
    const named = kind !== "simulation" && kind !== "cost";
    items.push(snippet(kind, named ? `${kind} \${1:name} {\n\t$0\n}` : `${kind} {\n\t$0\n}`, `a \`${kind}\` block`, range, CompletionItemKind.Keyword));
  }
  if (parent === "top") {
    items.push(snippet("template", "template ${1:vm} ${2:name} {\n\t$0\n}", "a template", range, CompletionItemKind.Keyword));
    items.push(snippet("import", 'import "${1:file.sriov}"', "import another file", range, CompletionItemKind.Keyword));
  }
  return items;
}
