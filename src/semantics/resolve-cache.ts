/**
 * What resolution may keep between runs on programs made one after another (an editor session's): the
 * attribute-name findings of each file, and each host's resolution, so that an edit resolves again only
 * the hosts it changed — an unchanged import's, and in the edited file those whose text and position the
 * edit left alone.
 *
 * What a host's resolution reads, and so what must be unchanged to reuse it:
 *
 * - the text of its block and of every template merged into it or into a block inside it, and where
 *   each stands (file, offset, line and column): the same text at the same place parses to the same
 *   declarations with the same spans, and messages quoting values quote the same text. Every declaration
 *   of the subtree must lie in one of these *ranges* (else the host is not kept);
 * - which declarations the tree made of them — the *outline*: for each declaration of the subtree in
 *   preorder, its id (replicas, duplicates dropped, placement), where its block starts and which template
 *   it took (a block's `: name` may find another template when templates change elsewhere);
 * - the catalogue: a cache serves one catalogue;
 * - what its references resolve to. A reference resolves in the innermost scope where its first name is
 *   visible. When that scope is inside the host, the target and every message about it depend on the
 *   subtree only (a PF or vSwitch must be on the host's own host; allocation of VFs, VMDq pools and cores
 *   is per PF and per host, and every request for a PF comes from the PF's own host). When the first name
 *   is not visible inside the host, the reference looks into the shared top scope — other hosts, possibly
 *   of other files, and their names as suggestions — and the host is *not kept*: it is resolved again on
 *   every run, so no change elsewhere can leave it stale.
 *
 * Everything else (the declaration tree, templates, traffic, the simulation block, the lookup tables) is
 * made again on every run. After a run, a file's entries are exactly the hosts of that file the run
 * used or made: entries of text that changed do not linger, and nothing holds an old text for long.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceFile, Template } from "../syntax/ast.js";
import type { Span } from "../syntax/span.js";
import type { Catalogue } from "./catalogue.js";
import type { Host, Iface } from "./model.js";
import type { Decl } from "./scopes.js";

/** One host's part of a resolution: the host, its interfaces in expansion order, the diagnostics reading it made. */
export interface HostResolution {
  readonly host: Host;
  readonly ifaces: readonly Iface[];
  readonly diagnostics: readonly Diagnostic[];
}

/** A stretch of source a host was read from: the host's block or a template. */
interface Range {
  readonly span: Span;
  /** Its text when the entry was last used (refreshed on reuse, so old file texts are not kept alive). */
  text: string;
}

interface KeptHost extends HostResolution {
  readonly ranges: Range[];
  /** For each declaration of the subtree in preorder: its id, where its block stands, where its template stands (or none). */
  readonly outline: readonly (string | number | null)[];
}

export class ResolveCache {
  private attributeFindings = new WeakMap<SourceFile, readonly Diagnostic[]>();
  /** By the host block's file, then `start\0id`. */
  private byFile = new Map<string, Map<string, KeptHost>>();
  private catalogue: Catalogue | undefined;
  /** The run under way: its sources, and the entries it used or made by file. */
  private sources: ReadonlyMap<string, string> = new Map();
  private used = new Map<string, Map<string, KeptHost>>();
  /** Hosts taken from the cache and hosts resolved, over the cache's life (tests and benches read them). */
  reusedHosts = 0;
  resolvedHosts = 0;

  /** Starts a run on these texts (display path → text) with this catalogue (another one empties the cache). */
  beginRun(sources: ReadonlyMap<string, string>, catalogue: Catalogue): void {
    if (this.catalogue !== catalogue) {
      this.catalogue = catalogue;
      this.attributeFindings = new WeakMap();
      this.byFile = new Map();
    }
    this.sources = sources;
    this.used = new Map();
  }

  /** Ends the run: each of its files keeps the entries the run used or made, and no others. */
  endRun(files: readonly string[]): void {
    for (const file of files) this.byFile.set(file, this.used.get(file) ?? new Map());
    this.used = new Map();
    this.sources = new Map();
  }

  attributeNames(file: SourceFile, check: () => readonly Diagnostic[]): readonly Diagnostic[] {
    let found = this.attributeFindings.get(file);
    if (found === undefined) {
      found = check();
      this.attributeFindings.set(file, found);
    }
    return found;
  }

  /** The kept resolution of a host whose ranges and outline are what they were, if any. */
  host(decl: Decl): HostResolution | undefined {
    const file = decl.block.span.file;
    const key = `${decl.block.span.start}\u0000${decl.id}`;
    const kept = this.byFile.get(file)?.get(key);
    if (kept === undefined || !sameOutline(decl, kept.outline)) return undefined;
    for (const range of kept.ranges) {
      const text = this.textOf(range.span);
      if (text === undefined || text !== range.text) return undefined;
    }
    for (const range of kept.ranges) range.text = this.textOf(range.span)!;
    this.use(file, key, kept);
    this.reusedHosts++;
    return kept;
  }

  /** Keeps a host's resolution; `lookedOutside`: one of its references looked into the top scope (not kept). */
  keep(decl: Decl, resolution: HostResolution, lookedOutside: boolean): void {
    this.resolvedHosts++;
    if (lookedOutside) return;
    const spans: Span[] = [decl.block.span];
    const outline: (string | number | null)[] = [];
    const walk = (d: Decl): void => {
      outline.push(d.id, ...place(d.block.span), ...place(d.template?.span));
      if (d.template !== undefined && !spans.includes(d.template.span)) spans.push(d.template.span);
      for (const child of d.children) walk(child);
    };
    walk(decl);
    // Every declaration must come from one of the ranges compared on reuse.
    const within = (span: Span): boolean => spans.some((r) => r.file === span.file && r.start <= span.start && span.end <= r.end);
    const all = (d: Decl): boolean => within(d.block.span) && d.children.every(all);
    if (!all(decl)) return;
    const ranges: Range[] = [];
    for (const span of spans) {
      const text = this.textOf(span);
      if (text === undefined) return;
      ranges.push({ span, text });
    }
    this.use(decl.block.span.file, `${decl.block.span.start}\u0000${decl.id}`, { ...resolution, ranges, outline });
  }

  /** The text of a span in this run's sources (its place, line and column included, is compared in the outline). */
  private textOf(span: Span): string | undefined {
    const source = this.sources.get(span.file);
    if (source === undefined || span.end > source.length) return undefined;
    return source.slice(span.start, span.end);
  }

  private use(file: string, key: string, kept: KeptHost): void {
    let entries = this.used.get(file);
    if (entries === undefined) this.used.set(file, (entries = new Map()));
    entries.set(key, kept);
  }
}

/** Entries of the outline per declaration: its id, then its block's and its template's place. */
const PER_DECL = 11;

/** Where a span stands: file, start and end offsets, line and column of the start (a span of no template: nulls). */
function place(span: Span | undefined): [string | null, number, number, number, number] {
  return span === undefined ? [null, -1, -1, -1, -1] : [span.file, span.start, span.end, span.line, span.column];
}

function samePlace(outline: readonly (string | number | null)[], at: number, span: Span | undefined): boolean {
  if (span === undefined) return outline[at] === null;
  return outline[at] === span.file && outline[at + 1] === span.start && outline[at + 2] === span.end && outline[at + 3] === span.line && outline[at + 4] === span.column;
}

function sameOutline(decl: Decl, outline: readonly (string | number | null)[]): boolean {
  let at = 0;
  const walk = (d: Decl): boolean => {
    if (at + PER_DECL > outline.length || outline[at] !== d.id || !samePlace(outline, at + 1, d.block.span) || !samePlace(outline, at + 6, d.template?.span)) return false;
    at += PER_DECL;
    for (const child of d.children) if (!walk(child)) return false;
    return true;
  };
  return walk(decl) && at === outline.length;
}
