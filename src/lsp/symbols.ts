/**
 * The declarations and references of a program's files, for hover, definition, references, rename,
 * outline and semantic tokens. Built from the ASTs alone (also the recovered ones of files with syntax
 * errors), with the scoping of LANGUAGE.md "Names, scopes, references": names of every file share the top
 * scope, a reference resolves from its block's scope outward, later segments among the children.
 * Template bodies are not scopes of their own: they are expanded where used, so their blocks are declared,
 * and their references looked up, in each block that uses the template (after the block's own members,
 * which override the template's). A template's name is a declaration and `: name` a reference to it.
 */
import { NAMED_BLOCK_KINDS, type Attribute, type Block, type Expr, type Member, type NamedBlockKind, type RefExpr, type SourceFile, type Template } from "../syntax/ast.js";
import type { Span } from "../syntax/span.js";
import { expandNamePattern } from "../semantics/replication.js";

export type SymbolKindName = NamedBlockKind | "template";

export interface SymbolDecl {
  readonly kind: SymbolKindName;
  /** The name it declares (`web2` for one replica of `web[1..3]`). */
  readonly name: string;
  /** Dotted path from the top scope (`h1.web2.eth0`); templates: their name. */
  readonly id: string;
  readonly file: string;
  /** The declared name as written (`web[1..3]` for every replica). */
  readonly nameSpan: Span;
  /** The identifier part of the name (`web`), what a rename rewrites. */
  readonly baseSpan: Span;
  readonly replicated: boolean;
  readonly node: Block | Template;
  readonly parent: SymbolDecl | undefined;
  readonly children: Map<string, SymbolDecl>;
}

export interface SymbolRef {
  readonly file: string;
  /** The segment's span (`pf0` in `x710.pf0`). */
  readonly span: Span;
  readonly decl: SymbolDecl;
  /** Which segment of its reference it is (0: the first, looked up from `scope` outward). */
  readonly segment: number;
  /** The block whose scope the reference is looked up from (undefined: the top scope). */
  readonly scope: SymbolDecl | undefined;
}

export interface SymbolIndex {
  readonly top: ReadonlyMap<string, SymbolDecl>;
  readonly templates: ReadonlyMap<string, SymbolDecl>;
  /** Every declaration, in source order per file. */
  readonly decls: readonly SymbolDecl[];
  readonly refs: readonly SymbolRef[];
  readonly refsByDecl: ReadonlyMap<SymbolDecl, readonly SymbolRef[]>;
}

/** Templates used inside template bodies, nested deeper than this, are not expanded (a cycle would not end). */
const MAX_TEMPLATE_DEPTH = 8;

const NAMED = new Set<string>(NAMED_BLOCK_KINDS);

/**
 * The names a block declares: `web[1..3]` → web1, web2, web3, as the checker expands them (an invalid
 * range declares nothing; the check reports it).
 */
export function expandedNames(block: Block | Template): string[] {
  if (block.kind === "Template") return [block.name.name];
  const pattern = block.name;
  if (pattern === undefined) return [];
  return expandNamePattern(pattern, []);
}

export function buildSymbolIndex(files: readonly SourceFile[]): SymbolIndex {
  const top = new Map<string, SymbolDecl>();
  const templates = new Map<string, SymbolDecl>();
  const decls: SymbolDecl[] = [];
  const pending: { file: string; ref: RefExpr; scope: SymbolDecl | undefined }[] = [];
  const templateUses: { file: string; span: Span; name: string; owners: readonly SymbolDecl[]; depth: number }[] = [];
  /** How deep in template expansions the blocks being declared are (a template whose body uses it again stops). */
  let expansionDepth = 0;

  const declare = (file: string, block: Block, parent: SymbolDecl | undefined): void => {
    if (block.name === undefined || !NAMED.has(block.blockKind)) {
      collectRefs(file, block.members, parent);
      return;
    }
    const scope = parent === undefined ? top : parent.children;
    const names = expandedNames(block);
    let first: SymbolDecl | undefined;
    const owners: SymbolDecl[] = [];
    for (const name of names) {
      if (scope.has(name)) continue; // a duplicate: the first declaration is the one references reach
      const decl: SymbolDecl = {
        kind: block.blockKind as NamedBlockKind,
        name,
        id: parent === undefined ? name : `${parent.id}.${name}`,
        file,
        nameSpan: block.name.span,
        baseSpan: block.name.base.span,
        replicated: block.name.range !== undefined,
        node: block,
        parent,
        children: new Map(),
      };
      scope.set(name, decl);
      decls.push(decl);
      owners.push(decl);
      first ??= decl;
      for (const member of block.members) if (member.kind === "Block") declare(file, member, decl);
    }
    if (block.template !== undefined) templateUses.push({ file, span: block.template.span, name: block.template.name, owners, depth: expansionDepth });
    collectRefs(file, block.members, first ?? parent);
  };

  const collectRefs = (file: string, members: readonly Member[], scope: SymbolDecl | undefined): void => {
    for (const member of members) if (member.kind === "Attribute") for (const ref of refsOf(member.value)) pending.push({ file, ref, scope });
  };

  for (const file of files) {
    for (const item of file.items) {
      if (item.kind === "Block") declare(file.file, item, undefined);
      else if (item.kind === "Template" && !templates.has(item.name.name)) {
        const decl: SymbolDecl = {
          kind: "template",
          name: item.name.name,
          id: item.name.name,
          file: file.file,
          nameSpan: item.name.span,
          baseSpan: item.name.span,
          replicated: false,
          node: item,
          parent: undefined,
          children: new Map(),
        };
        templates.set(item.name.name, decl);
        decls.push(decl);
      }
    }
  }

  // Every template is known now, wherever it is declared: expand each use (uses found inside a body too).
  for (let i = 0; i < templateUses.length; i++) {
    const use = templateUses[i]!;
    const template = templates.get(use.name)?.node;
    if (template === undefined || template.kind !== "Template" || use.depth >= MAX_TEMPLATE_DEPTH) continue;
    const file = templates.get(use.name)!.file;
    expansionDepth = use.depth + 1;
    for (const owner of use.owners) {
      for (const member of template.members) if (member.kind === "Block") declare(file, member, owner);
      collectRefs(file, template.members, owner);
    }
  }

  const refs: SymbolRef[] = [];
  for (const { file, ref, scope } of pending) {
    let current = lookupOutward(top, scope, ref.segments[0]!.name);
    for (let i = 0; i < ref.segments.length && current !== undefined; i++) {
      if (i > 0) current = current.children.get(ref.segments[i]!.name);
      if (current !== undefined) refs.push({ file, span: ref.segments[i]!.span, decl: current, segment: i, scope });
    }
  }
  for (const use of templateUses) {
    const decl = templates.get(use.name);
    if (decl !== undefined) refs.push({ file: use.file, span: use.span, decl, segment: 0, scope: undefined });
  }
  const refsByDecl = new Map<SymbolDecl, SymbolRef[]>();
  for (const ref of refs) {
    const list = refsByDecl.get(ref.decl);
    if (list === undefined) refsByDecl.set(ref.decl, [ref]);
    else list.push(ref);
  }
  return { top, templates, decls, refs, refsByDecl };
}

/** Resolves a first segment from a scope outward, as the compiler does. */
export function lookupOutward(top: ReadonlyMap<string, SymbolDecl>, scope: SymbolDecl | undefined, name: string): SymbolDecl | undefined {
  for (let s = scope; s !== undefined; s = s.parent) {
    const found = s.children.get(name);
    if (found !== undefined) return found;
  }
  return top.get(name);
}

/** Every reference expression in a value (inside calls and lists too). */
export function refsOf(expr: Expr): RefExpr[] {
  switch (expr.kind) {
    case "Ref":
      return [expr];
    case "Call":
      return expr.args.flatMap(refsOf);
    case "List":
      return expr.items.flatMap(refsOf);
    default:
      return [];
  }
}

/** The declaration whose name or a reference to which is at an offset of a file. */
export function symbolAt(index: SymbolIndex, file: string, offset: number): { decl: SymbolDecl; span: Span; isDeclaration: boolean } | undefined {
  for (const ref of index.refs) if (ref.file === file && ref.span.start <= offset && offset <= ref.span.end) return { decl: ref.decl, span: ref.span, isDeclaration: false };
  for (const decl of index.decls) {
    if (decl.file === file && decl.nameSpan.start <= offset && offset <= decl.nameSpan.end) return { decl, span: decl.nameSpan, isDeclaration: true };
  }
  return undefined;
}

/** The attribute whose name or value holds an offset, with the blocks around it (innermost last). */
export interface Location {
  readonly blocks: readonly (Block | Template)[];
  readonly attribute: Attribute | undefined;
}

export function locate(file: SourceFile, offset: number): Location {
  const blocks: (Block | Template)[] = [];
  let members: readonly Member[] | undefined;
  for (const item of file.items) {
    if (item.kind !== "Import" && item.span.start <= offset && offset <= item.span.end) {
      blocks.push(item);
      members = item.members;
      break;
    }
  }
  let attribute: Attribute | undefined;
  while (members !== undefined) {
    const list: readonly Member[] = members;
    members = undefined;
    for (const member of list) {
      if (member.span.start > offset || offset > member.span.end) continue;
      if (member.kind === "Attribute") attribute = member;
      else {
        blocks.push(member);
        members = member.members;
      }
      break;
    }
  }
  return { blocks, attribute };
}
