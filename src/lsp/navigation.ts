/** Go to definition, find references, rename, the outline (document symbols) and workspace symbols. */
import {
  ResponseError,
  ErrorCodes,
  DocumentHighlightKind,
  SymbolKind,
  type DefinitionParams,
  type DocumentHighlight,
  type DocumentHighlightParams,
  type DocumentSymbol,
  type DocumentSymbolParams,
  type Location,
  type PrepareRenameParams,
  type Range,
  type ReferenceParams,
  type RenameParams,
  type SymbolInformation,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver/node";
import { LITERAL_WORDS, NAMED_BLOCK_KINDS, type Block, type Member, type NamedBlockKind, type Template } from "../syntax/ast.js";
import { ProgramView, symbolIndexOf, type FileContext } from "./context.js";
import { spanRange } from "./positions.js";
import type { LoadedProgram, Project } from "./project.js";
import { KIND_NOUN } from "../semantics/scopes.js";
import { symbolAt, type SymbolDecl, type SymbolKindName, type SymbolRef } from "./symbols.js";

const SYMBOL_KIND: Record<SymbolKindName | "simulation" | "cost", SymbolKind> = {
  host: SymbolKind.Module,
  nic: SymbolKind.Class,
  pf: SymbolKind.Interface,
  vswitch: SymbolKind.Struct,
  vm: SymbolKind.Object,
  container: SymbolKind.Package,
  iface: SymbolKind.Field,
  traffic: SymbolKind.Event,
  template: SymbolKind.TypeParameter,
  simulation: SymbolKind.Namespace,
  cost: SymbolKind.Namespace,
};

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/**
 * Names that no declaration can take though they are identifiers: the literals, and the kinds of named
 * blocks (`vm host {` reads as a `host` block without its name, src/syntax/mistakes.ts).
 */
const UNDECLARABLE = new Set<string>([...LITERAL_WORDS, ...NAMED_BLOCK_KINDS]);

export function definition(context: FileContext, params: DefinitionParams): Location | null {
  const offset = context.offsetAt(params.position);
  const ast = context.ast;
  if (ast !== undefined) {
    for (const item of ast.items) {
      if (item.kind !== "Import" || offset < item.path.span.start || offset > item.path.span.end) continue;
      const target = context.file?.imports.find((i) => i.item === item)?.target;
      return target === undefined ? null : { uri: context.project.uriOf(target), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
    }
  }
  const found = symbolAt(context.index, context.displayPath, offset);
  return found === undefined ? null : (context.location(found.decl.nameSpan) ?? null);
}

/**
 * The declaration and its copies in a program: a block inside a replicated one (`iface eth0` in
 * `vm web[1..2]`) is declared once per replica (`web1.eth0`, `web2.eth0`), all from the one name in the source.
 */
function copiesIn(view: ProgramView, decl: SymbolDecl): SymbolDecl[] {
  return view.index.decls.filter((d) => d.name === decl.name && d.kind === decl.kind && d.file === decl.file && d.nameSpan.start === decl.nameSpan.start);
}

/** The declaration with its copies, in this analysis and in the other open programs that include its file. */
function programsWith(context: FileContext, decl: SymbolDecl): { view: ProgramView; decl: SymbolDecl }[] {
  const out = copiesIn(context, decl).map((copy) => ({ view: context as ProgramView, decl: copy }));
  const declFile = context.analysis.files.get(decl.file)?.absolutePath;
  if (declFile === undefined) return out;
  for (const other of context.project.cachedAnalyses()) {
    if (other === context.analysis || !other.byAbsolutePath.has(declFile)) continue;
    const view = new ProgramView(other, context.project);
    for (const copy of copiesIn(view, decl)) out.push({ view, decl: copy });
  }
  return out;
}

/** Every reference to a declaration (and its copies), in this analysis and in the other open programs that include its file. */
function allReferences(context: FileContext, decl: SymbolDecl): Location[] {
  const seen = new Set<string>();
  const out: Location[] = [];
  const add = (location: Location | undefined): void => {
    if (location === undefined) return;
    const key = `${location.uri}:${location.range.start.line}:${location.range.start.character}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(location);
  };
  for (const { view, decl: match } of programsWith(context, decl)) for (const ref of view.index.refsByDecl.get(match) ?? []) add(view.location(ref.span));
  return out;
}

export function references(context: FileContext, params: ReferenceParams): Location[] {
  const found = symbolAt(context.index, context.displayPath, context.offsetAt(params.position));
  if (found === undefined) return [];
  const refs = allReferences(context, found.decl);
  if (!params.context.includeDeclaration) return refs;
  const declaration = context.location(found.decl.nameSpan);
  return declaration === undefined ? refs : [declaration, ...refs];
}

/**
 * The name at the cursor where it occurs in this document: its declaration (a write) and its references
 * (reads), as find references gives them. Editors highlight these instead of every equal word.
 */
export function documentHighlights(context: FileContext, params: DocumentHighlightParams): DocumentHighlight[] {
  const found = symbolAt(context.index, context.displayPath, context.offsetAt(params.position));
  if (found === undefined) return [];
  const here = context.project.uriOf(context.absolutePath);
  const out: DocumentHighlight[] = [];
  const declaration = context.location(found.decl.nameSpan);
  if (declaration?.uri === here) out.push({ range: declaration.range, kind: DocumentHighlightKind.Write });
  for (const ref of allReferences(context, found.decl)) if (ref.uri === here) out.push({ range: ref.range, kind: DocumentHighlightKind.Read });
  return out;
}

export function prepareRename(context: FileContext, params: PrepareRenameParams): { range: Range; placeholder: string } | null {
  const found = symbolAt(context.index, context.displayPath, context.offsetAt(params.position));
  if (found === undefined) return null;
  refuseReplicated(found.decl);
  return { range: context.range(found.isDeclaration ? found.decl.baseSpan : found.span), placeholder: found.decl.name };
}

function refuseReplicated(decl: SymbolDecl): void {
  if (decl.replicated) {
    const written = decl.node.kind === "Block" && decl.node.name !== undefined ? `${decl.node.name.base.name}[…]` : decl.name;
    throw new ResponseError(ErrorCodes.InvalidRequest, `\`${decl.name}\` is one of the names \`${written}\` declares: rename the pattern's base in the declaration and the references by hand`);
  }
}

export function rename(context: FileContext, params: RenameParams): WorkspaceEdit | null {
  const found = symbolAt(context.index, context.displayPath, context.offsetAt(params.position));
  if (found === undefined) return null;
  const decl = found.decl;
  refuseReplicated(decl);
  const newName = params.newName;
  if (!IDENTIFIER.test(newName)) throw new ResponseError(ErrorCodes.InvalidParams, `\`${newName}\` is not a name: a name starts with a letter or \`_\` and holds letters, digits, \`_\` and \`-\``);
  if (UNDECLARABLE.has(newName)) {
    throw new ResponseError(
      ErrorCodes.InvalidParams,
      `\`${newName}\` cannot be declared: \`true\`, \`false\` and \`auto\` are literals, and a named block's kind (${NAMED_BLOCK_KINDS.map((kind) => `\`${kind}\``).join(", ")}) after a block's kind starts a block`,
    );
  }
  if (newName === decl.name) return { changes: {} };
  // In every open program the rename rewrites: an importer's top scope holds the names of the files it imports.
  for (const { view, decl: match } of programsWith(context, decl)) {
    const siblings = match.kind === "template" ? view.index.templates : match.parent === undefined ? view.index.top : match.parent.children;
    const clash = siblings.get(newName);
    if (clash === undefined) continue;
    const where = match.parent === undefined ? (match.kind === "template" ? "among the templates" : "at the top level") : `in \`${match.parent.id}\``;
    const at = view.location(clash.nameSpan);
    throw new ResponseError(
      ErrorCodes.InvalidRequest,
      `cannot rename \`${decl.name}\` to \`${newName}\`: ${clash.kind === "template" ? "a template" : `\`${clash.id}\``} is already declared ${where}${at === undefined ? "" : ` (line ${at.range.start.line + 1} of ${clash.file})`}`,
    );
  }
  // Names are looked up from the innermost block outward: the new name must not take over a reference to
  // another declaration (`vf(n.p0)` inside an interface renamed `n`), nor lose one to a nearer declaration.
  for (const { view, decl: match } of programsWith(context, decl)) {
    for (const ref of view.index.refs) {
      if (ref.segment !== 0 || ref.decl.kind === "template") continue;
      const reaches = lookupAfterRename(view.index.top, ref.scope, ref.decl === match ? newName : ref.decl.name, match, newName);
      if (reaches === ref.decl) continue;
      const at = view.location(ref.span);
      const reached = reaches === undefined ? "nothing" : `${KIND_NOUN[reaches.kind as NamedBlockKind]} \`${reaches === match ? renamedId(match, newName) : reaches.id}\``;
      throw new ResponseError(
        ErrorCodes.InvalidRequest,
        `cannot rename \`${decl.name}\` to \`${newName}\`: the reference \`${referenceText(view, ref)}\`${at === undefined ? "" : ` (line ${at.range.start.line + 1} of ${ref.file})`} would then reach ${reached}, not ${KIND_NOUN[ref.decl.kind as NamedBlockKind]} \`${ref.decl.id}\``,
      );
    }
  }
  const rewritten = allReferences(context, decl);
  // A template's body is one text for every block that uses it: a reference there that also reaches another
  // declaration (`n` of another host using the template) cannot be rewritten for this one alone.
  const at = new Set(rewritten.map((l) => `${l.uri}:${l.range.start.line}:${l.range.start.character}`));
  const copies = programsWith(context, decl);
  const mine = new Set(copies.map((c) => c.decl));
  for (const view of new Set(copies.map((c) => c.view))) {
    for (const ref of view.index.refs) {
      const location = mine.has(ref.decl) ? undefined : view.location(ref.span);
      if (location === undefined || !at.has(`${location.uri}:${location.range.start.line}:${location.range.start.character}`)) continue;
      throw new ResponseError(
        ErrorCodes.InvalidRequest,
        `cannot rename \`${decl.name}\` to \`${newName}\`: the reference \`${referenceText(view, ref)}\` (line ${location.range.start.line + 1} of ${ref.file}) also reaches ${KIND_NOUN[ref.decl.kind as NamedBlockKind]} \`${ref.decl.id}\``,
      );
    }
  }
  const changes: Record<string, TextEdit[]> = {};
  const edit = (location: Location | undefined): void => {
    if (location === undefined) return;
    (changes[location.uri] ??= []).push({ range: location.range, newText: newName });
  };
  edit(context.location(decl.baseSpan));
  for (const location of rewritten) edit(location);
  return { changes };
}

/** What a first segment `name`, looked up from `scope` outward as the index does, would reach once `renamed` is called `newName`. */
function lookupAfterRename(top: ReadonlyMap<string, SymbolDecl>, scope: SymbolDecl | undefined, name: string, renamed: SymbolDecl, newName: string): SymbolDecl | undefined {
  const child = (children: ReadonlyMap<string, SymbolDecl>, owner: SymbolDecl | undefined): SymbolDecl | undefined => {
    if (owner === renamed.parent && name === newName) return renamed;
    const found = children.get(name);
    return found === renamed ? undefined : found;
  };
  for (let s = scope; s !== undefined; s = s.parent) {
    const found = child(s.children, s);
    if (found !== undefined) return found;
  }
  return child(top, undefined);
}

function renamedId(decl: SymbolDecl, newName: string): string {
  return decl.parent === undefined ? newName : `${decl.parent.id}.${newName}`;
}

/** The whole reference a segment belongs to, as written (`n.p0`). */
function referenceText(view: ProgramView, ref: SymbolRef): string {
  const text = view.analysis.files.get(ref.file)?.text ?? "";
  return /^[A-Za-z0-9_.-]*/.exec(text.slice(ref.span.start))![0];
}

function blockSymbol(context: FileContext, node: Block | Template): DocumentSymbol | undefined {
  const children = node.members.flatMap((m: Member) => (m.kind === "Block" ? (blockSymbol(context, m) ?? []) : []));
  const range = spanRange(node.span, context.frame);
  if (node.kind === "Template") {
    return { name: node.name.name, detail: `template ${node.blockKind}`, kind: SYMBOL_KIND.template, range, selectionRange: spanRange(node.name.span, context.frame), children };
  }
  const nameSpan = node.name?.span ?? node.keywordSpan;
  const name = node.name === undefined ? node.blockKind : context.text.slice(node.name.span.start, node.name.span.end);
  return { name, detail: node.blockKind, kind: SYMBOL_KIND[node.blockKind], range, selectionRange: spanRange(nameSpan, context.frame), children };
}

export function documentSymbols(context: FileContext, _params: DocumentSymbolParams): DocumentSymbol[] {
  return (context.ast?.items ?? []).flatMap((item) => (item.kind === "Import" ? [] : (blockSymbol(context, item) ?? [])));
}

/** At most this many files of the workspace folders are read for workspace symbols (a query must answer quickly). */
export const MAX_WORKSPACE_SYMBOL_FILES = 5_000;

/**
 * And no file more once this many bytes of them, imports included, are loaded: the count alone let a query
 * parse, and keep, 5,000 files of up to the 64 MiB file limit each. The last one loaded may pass it.
 */
export const MAX_WORKSPACE_SYMBOL_BYTES = 64 * 1024 * 1024;

/**
 * The declarations whose full names hold the query's characters in order (case-insensitive): those of the
 * open files' programs, then those of the workspace folders' other `.sriov` files (`workspaceFiles`), each
 * loaded with its imports but not checked, the editor's unsaved text read for an open one.
 */
export function workspaceSymbols(project: Project, query: string, workspaceFiles: readonly string[], maxBytes: number = MAX_WORKSPACE_SYMBOL_BYTES): SymbolInformation[] {
  const wanted = query.toLowerCase();
  const matches = (id: string): boolean => {
    let at = 0;
    const lower = id.toLowerCase();
    for (const c of wanted) {
      at = lower.indexOf(c, at);
      if (at === -1) return false;
      at += 1;
    }
    return true;
  };
  const seen = new Set<string>();
  const out: SymbolInformation[] = [];
  const programs: LoadedProgram[] = [...project.cachedAnalyses()];
  const covered = new Set(programs.flatMap((program) => [...program.byAbsolutePath.keys()]));
  // Sorted, so that which program a file's symbols are first taken from does not hang on the disk's order.
  let left = maxBytes;
  for (const file of [...workspaceFiles].sort()) {
    if (left <= 0) break;
    if (covered.has(file)) continue;
    const program = project.loadOnly(file);
    programs.push(program);
    for (const [included, loaded] of program.byAbsolutePath) {
      if (covered.has(included)) continue;
      covered.add(included);
      left -= Buffer.byteLength(loaded.text);
    }
  }
  for (const program of programs) {
    for (const decl of symbolIndexOf(program).decls) {
      const file = program.files.get(decl.file);
      if (file === undefined || !matches(decl.id)) continue;
      const key = `${file.absolutePath}:${decl.id}:${decl.kind}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        name: decl.id,
        kind: SYMBOL_KIND[decl.kind],
        location: { uri: project.uriOf(file.absolutePath), range: spanRange(decl.nameSpan, { bom: project.overlayText(file.absolutePath)?.charCodeAt(0) === 0xfeff }) },
        ...(decl.parent === undefined ? {} : { containerName: decl.parent.id }),
      });
    }
  }
  return out;
}
