/**
 * The declaration tree: every block after template expansion and replication, with its canonical id and
 * its children by name — the scopes of LANGUAGE.md "Names, scopes, references". Names from every file of
 * the program share the top scope. Resolution of a reference walks from the innermost scope outward.
 */
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Attribute, Block, NamePattern, NamedBlockKind, RefExpr, SourceFile, Template, TopLevel } from "../syntax/ast.js";
import type { Span } from "../syntax/span.js";
import { ALLOWED_PARENTS, isPlacementAllowed, type Parent } from "./placement.js";
import { expandNamePattern } from "./replication.js";
import { closestNames, didYouMean } from "./suggest.js";
import { attributeMap, mergeMembers, templateOf, type AttributeTable, type TemplateTable } from "./templates.js";

/** How messages name each kind of declaration. */
export const KIND_NOUN: Readonly<Record<NamedBlockKind, string>> = {
  host: "host",
  nic: "NIC",
  pf: "PF",
  vswitch: "vSwitch",
  vm: "VM",
  container: "container",
  iface: "interface",
  traffic: "traffic",
};

/** "a NIC", "an interface". */
export function withArticle(kind: NamedBlockKind): string {
  const noun = KIND_NOUN[kind];
  return `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;
}

export interface Decl {
  readonly kind: NamedBlockKind;
  readonly name: string;
  readonly id: string;
  readonly parent: Decl | Root;
  /** The declared name as written (`web[1..8]` for every replica). */
  readonly nameSpan: Span;
  readonly span: Span;
  /** The block it was declared from: replicas share their pattern's; a block merged with a template's same-named one is the merged copy. */
  readonly block: Block;
  readonly template: Template | undefined;
  /** Effective attributes (template's, overridden by the block's own). */
  readonly attributes: AttributeTable;
  /** Effective nested blocks, in expansion order (nested `simulation`/`cost` never occur here). */
  readonly children: Decl[];
  /**
   * Its children by name once it has more than a few (`childNamed` reads it; `declare` fills it); or, for
   * a host resolved while its file was parsed, a view of its children through its model, its `children`
   * then left empty (`ChildView`): read them with `childrenOf`, `childNamed` and `childNames`.
   */
  readonly index: ReadonlyMap<string, Decl> | ChildView | undefined;
}

/**
 * A declaration's children found through something else than its `children` list: a resolved host's,
 * through its model (src/semantics/host-view.ts), so that the check need not keep a declaration per VM,
 * interface and PF to the end only for the traffic references into them.
 */
export abstract class ChildView {
  /** The child named `name`, or undefined. */
  abstract get(name: string): Decl | undefined;
  /** Every child, in declaration order. */
  abstract list(): readonly Decl[];
}

/**
 * A declaration's record. Made by a constructor rather than a literal: V8 may decide to allocate a
 * literal's objects in the old generation directly (its allocation site "pretenured", when most of the
 * first ones survive a scavenge), never a constructed object's. Most declarations die young now: those
 * inside a host resolved while its file is parsed are let go once it is (host-view.ts), and had they been
 * made in the old generation they would have filled it with garbage until the next mark-compact.
 */
export class DeclRecord implements Decl {
  index: ReadonlyMap<string, Decl> | ChildView | undefined = undefined;
  constructor(
    readonly kind: NamedBlockKind,
    readonly name: string,
    readonly id: string,
    readonly parent: Decl | Root,
    readonly nameSpan: Span,
    readonly span: Span,
    readonly block: Block,
    readonly template: Template | undefined,
    readonly attributes: AttributeTable,
    public children: Decl[],
  ) {}
}

export interface Root {
  readonly kind: "root";
  readonly children: Decl[];
  readonly index: ReadonlyMap<string, Decl> | undefined;
}

/**
 * A scope is the blocks declared directly in a declaration (or at the top level), by name: its
 * `children`, which `declare` fills (a duplicate name joins neither). Most scopes hold a few blocks (a
 * VM's interfaces, a NIC's PFs): those are searched in place; a Map, the owner's `index`, is built once a
 * scope holds more (hosts at the top level, a host's guests). No object per scope: a `Scope` per nested
 * block (every VM) was made by a class constructor, which V8 never allocates in the old generation
 * directly, so each of them was copied by two scavenges while the model was built.
 */
export function childNamed(owner: Decl | Root, name: string): Decl | undefined {
  const index = owner.index;
  if (index !== undefined) return index.get(name);
  const children = owner.children;
  for (let i = 0; i < children.length; i++) if (children[i]!.name === name) return children[i];
  return undefined;
}

/** The names of `owner`'s children, in declaration order. */
export function* childNames(owner: Decl | Root): Generator<string> {
  for (const child of childrenOf(owner)) yield child.name;
}

/** `owner`'s children, in declaration order, wherever they are kept (`ChildView`). */
export function childrenOf(owner: Decl | Root): readonly Decl[] {
  const index = owner.index;
  return index instanceof ChildView ? index.list() : owner.children;
}

/** Takes note of `decl`, just added to `owner`'s children. */
function indexChild(owner: Mutable<Decl> | Mutable<Root>, decl: Decl): void {
  const index = owner.index as Map<string, Decl> | undefined;
  if (index !== undefined) index.set(decl.name, decl);
  else if (owner.children.length > LINEAR_SCOPE) owner.index = new Map(owner.children.map((child) => [child.name, child]));
}

/** Scopes up to this many blocks are searched rather than indexed. */
const LINEAR_SCOPE = 8;

export interface SimulationDecl {
  readonly block: Block;
  /** The `cost` block inside, if any (first one). */
  readonly cost: Block | undefined;
}

export interface DeclTree {
  readonly root: Root;
  readonly simulation: SimulationDecl | undefined;
}

export function buildDeclTree(files: readonly SourceFile[], templates: TemplateTable, diagnostics: Diagnostic[]): DeclTree {
  const builder = new DeclTreeBuilder(templates, diagnostics);
  for (const file of files) for (const item of file.items) builder.add(item);
  return builder.tree();
}

function newRoot(): Root {
  return { kind: "root", children: [], index: undefined };
}

/**
 * The declaration tree built one top-level item at a time, in program order (`buildDeclTree` adds every
 * item of every file; a one-shot check adds the items of each part of a file as it is parsed).
 */
export class DeclTreeBuilder {
  readonly root: Root = newRoot();
  private simulation: SimulationDecl | undefined;
  private readonly reported: ReportedDuplicates = new Map();

  constructor(
    private readonly templates: TemplateTable,
    private readonly diagnostics: Diagnostic[],
  ) {}

  add(item: TopLevel): void {
    if (item.kind !== "Block") return;
    const diagnostics = this.diagnostics;
    if (item.blockKind === "simulation") {
      const simulation = this.simulation;
      if (simulation !== undefined) {
        diagnostics.push(
          diagnostic("duplicate-name", "error", item.keywordSpan, "a program has one `simulation` block; this is a second one", {
            related: [{ span: simulation.block.keywordSpan, message: "first declared here" }],
            help: "merge the two into one `simulation` block",
          }),
        );
        return;
      }
      const costs = item.members.filter((m): m is Block => m.kind === "Block" && m.blockKind === "cost");
      for (const extra of costs.slice(1)) {
        diagnostics.push(
          diagnostic("duplicate-name", "error", extra.keywordSpan, "a `simulation` has one `cost` block; this is a second one", {
            related: [{ span: costs[0]!.keywordSpan, message: "first declared here" }],
            help: "merge the two into one `cost` block",
          }),
        );
      }
      this.simulation = { block: item, cost: costs[0] };
      return;
    }
    if (!isPlacementAllowed(item.blockKind, "top")) return; // misplaced: reported by the loader
    declare(item, this.root, "top", this.templates, diagnostics, this.reported);
  }

  tree(): DeclTree {
    return { root: this.root, simulation: this.simulation };
  }
}

function where(parent: Decl | Root): string {
  return parent.kind === "root" ? "at the top level" : `in ${KIND_NOUN[parent.kind]} \`${parent.id}\``;
}

// A block without nested blocks never gets children (only `declare` adds them, below): such decls
// (interfaces, PFs: most of a topology) share one empty list instead of an empty array each, which lived
// as long as the model (~300k at 1M lines). A block with nested blocks starts with the shared list too, and
// gets its own on its first child, as a literal of one: an empty list's first push left room for 17 (most
// VMs have one interface). Every declaration with no children of its own holds this list (host-view.ts and
// resolve.ts too), so that `declare` never pushes into a shared one.
export const NO_CHILDREN: Decl[] = [];

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The blocks already reported as duplicates, with the names: the children of a replicated block are
 * declared once per copy (`web1` … `web8`), and a clash among them is one mistake in the source.
 */
type ReportedDuplicates = Map<Block, Set<string>>;

function declare(block: Block, parent: Decl | Root, parentKind: Parent, templates: TemplateTable, diagnostics: Diagnostic[], reported: ReportedDuplicates): void {
  if (block.name === undefined || block.blockKind === "simulation" || block.blockKind === "cost") return;
  if (!isPlacementAllowed(block.blockKind, parentKind)) return;
  const kind = block.blockKind;
  // (A plain name is its own list of one: no array for the common case.)
  const names = block.name.range === undefined ? undefined : expandNamePattern(block.name, diagnostics);
  const count = names === undefined ? 1 : names.length;
  if (count === 0) return;
  const template = templateOf(block, templates, diagnostics);
  const members = template === undefined ? block.members : mergeMembers(template.members, block.members);
  const attributes = attributeMap(members);
  let nested = false;
  for (let i = 0; i < members.length && !nested; i++) nested = members[i]!.kind === "Block";
  for (let n = 0; n < count; n++) {
    const name = names === undefined ? block.name.base.name : names[n]!;
    const id = parent.kind === "root" ? name : `${parent.id}.${name}`;
    const first = childNamed(parent, name);
    if (first !== undefined) {
      const clashes = reported.get(block) ?? new Set<string>();
      reported.set(block, clashes);
      if (clashes.has(name)) continue;
      clashes.add(name);
      const replicated = block.name.range !== undefined ? ` (declared by \`${block.name.base.name}[…]\`)` : "";
      diagnostics.push(
        diagnostic("duplicate-name", "error", block.name.span, `\`${name}\`${replicated} is already declared ${where(parent)}`, {
          related: [{ span: first.nameSpan, message: `\`${name}\` first declared here` }],
          help: "rename one of them: names are unique among the blocks of one scope, whatever their kind",
        }),
      );
      continue;
    }
    const decl: Mutable<Decl> = new DeclRecord(kind, name, id, parent, block.name.span, block.span, block, template, attributes, NO_CHILDREN);
    if (parent.children === NO_CHILDREN) (parent as Mutable<Decl>).children = [decl];
    else parent.children.push(decl);
    indexChild(parent as Mutable<Decl> | Mutable<Root>, decl);
    if (template !== undefined) templates.users.get(template)?.push(id);
    if (!nested) continue;
    for (let i = 0; i < members.length; i++) {
      const child = members[i]!;
      if (child.kind === "Block") declare(child, decl, kind, templates, diagnostics, reported);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// References

/** Text of a reference as written (`x710.pf0`). */
export function refText(ref: RefExpr): string {
  return ref.segments.map((s) => s.name).join(".");
}

/**
 * Resolves `a.b.c` from `from`'s scope outward: the first scope where `a` is visible decides; each later
 * segment is looked up among the children of the previous. Reports `unknown-reference` with the closest
 * names when it fails, and returns undefined. (The declaration itself, not a result record: this runs for
 * every reference of a topology.)
 */
export function resolveReference(ref: RefExpr, from: Decl | Root, diagnostics: Diagnostic[]): Decl | undefined {
  const first = ref.segments[0]!;
  let scope: Decl | Root | undefined = from;
  let found: Decl | undefined;
  while (scope !== undefined) {
    found = childNamed(scope, first.name);
    if (found !== undefined) break;
    scope = scope.kind === "root" ? undefined : scope.parent;
  }
  if (found === undefined) {
    const written = refText(ref);
    const visible = visibleNames(from);
    const rest = ref.segments.slice(1).map((s) => s.name);
    // Only names whose own children complete the reference: `n.p0` suggests `x.p0` if NIC `x` has a `p0`.
    const suggestions = closestNames(first.name, visible)
      .filter((n) => completes(lookupOutward(from, n), rest))
      .map((n) => [n, ...rest].join("."));
    // At the top level a name inside a host must be qualified with the host: `h1.web1.eth0`.
    const hostRoot = rootOf(from);
    if (suggestions.length === 0 && (from.kind === "root" || hostOf(from) === undefined)) {
      for (const host of hostRoot.children) if (childNamed(host, first.name) !== undefined) suggestions.push(`${host.name}.${written}`);
    }
    diagnostics.push(
      diagnostic("unknown-reference", "error", ref.span, `unknown reference \`${written}\`: nothing named \`${first.name}\` is visible here`, {
        help: didYouMean(suggestions.slice(0, 3)),
      }),
    );
    return undefined;
  }
  let current = found;
  for (let i = 1; i < ref.segments.length; i++) {
    const segment = ref.segments[i]!;
    const next = childNamed(current, segment.name);
    if (next === undefined) {
      const written = refText(ref);
      const prefix = ref.segments.slice(0, i).map((s) => s.name);
      const rest = ref.segments.slice(i + 1).map((s) => s.name);
      const suggestions = closestNames(segment.name, childNames(current))
        .filter((n) => completes(childNamed(current, n), rest))
        .map((n) => [...prefix, n, ...rest].join("."));
      diagnostics.push(
        diagnostic("unknown-reference", "error", ref.span, `unknown reference \`${written}\`: ${KIND_NOUN[current.kind]} \`${prefix.join(".")}\` has no \`${segment.name}\``, {
          help: didYouMean(suggestions) ?? (childrenOf(current).length === 0 ? undefined : `it has ${[...childNames(current)].slice(0, 5).map((n) => `\`${n}\``).join(", ")}`),
        }),
      );
      return undefined;
    }
    current = next;
  }
  return current;
}

/**
 * The names visible from `from`, innermost scope first. Lazily: the suggestion compares a bounded number
 * of names, and a scope may hold 100k of them. (A module function: declared inside resolveReference, the
 * generator was a closure made on every call, found or not.)
 */
function* visibleNames(from: Decl | Root): Generator<string> {
  for (let s: Decl | Root | undefined = from; s !== undefined; s = s.kind === "root" ? undefined : s.parent) yield* childNames(s);
}

function lookupOutward(from: Decl | Root, name: string): Decl | undefined {
  for (let s: Decl | Root | undefined = from; s !== undefined; s = s.kind === "root" ? undefined : s.parent) {
    const found = childNamed(s, name);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** True when `names` lead from `decl` down through its children. */
function completes(decl: Decl | undefined, names: readonly string[]): boolean {
  let current = decl;
  for (const name of names) current = current === undefined ? undefined : childNamed(current, name);
  return current !== undefined;
}

function rootOf(scope: Decl | Root): Root {
  let s: Decl | Root = scope;
  while (s.kind !== "root") s = s.parent;
  return s;
}

/** The host a declaration belongs to (itself for a host), or undefined at the top level. */
export function hostOf(decl: Decl): Decl | undefined {
  let d: Decl | Root = decl;
  while (d.kind !== "root" && d.kind !== "host") d = d.parent;
  return d.kind === "host" ? d : undefined;
}

/**
 * A template's body declared as a block of its kind would be, in a root of its own, inside the blocks it
 * first may stand in (a `pf` template in a `nic` in a `host`): how the values of a template no block uses
 * are read (resolve.ts `unusedTemplateFindings`). `templates` should be a table that records no users, so
 * that a nested block naming a template does not count as a use of it.
 */
export function declareTemplateBody(template: Template, templates: TemplateTable, diagnostics: Diagnostic[]): Root {
  const root = newRoot();
  // The wrappers are named as the template is: a message that names one names the template.
  const name: NamePattern = { kind: "NamePattern", base: template.name, span: template.name.span };
  let block: Block = { kind: "Block", blockKind: template.blockKind, keywordSpan: template.keywordSpan, name, members: template.members, span: template.span };
  for (let parent = ALLOWED_PARENTS[block.blockKind][0]!; parent !== "top"; parent = ALLOWED_PARENTS[parent][0]!) {
    block = { kind: "Block", blockKind: parent, keywordSpan: template.keywordSpan, name, members: [block], span: template.span };
  }
  declare(block, root, "top", templates, diagnostics, new Map());
  return root;
}
