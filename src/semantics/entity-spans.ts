/**
 * How the model keeps its entities' `spans` (model.ts `Spans`): as offsets, not as span objects.
 *
 * Every entity has the span of its name, of its block and of the value of each attribute written, and the
 * model lives as long as the check: kept as objects (a span each, a record of the name and block spans, a
 * record of the attribute spans), they were over a third of what a check of the bench topology retains
 * (~330 B per entity, docs/PERFORMANCE.md "What the model keeps"), and the young-generation collector
 * copied each of them once or twice while the model was built. Here an entity's spans are one small
 * object: the offsets go into a store of typed arrays shared by a resolution (their memory is outside the
 * collected heap: nothing there is traced or copied), and the attribute names into a list shared by every
 * entity that wrote the same attributes in the same order. The spans are made again when read (a
 * rule's message, lowering's IR spans): equal to the parser's (the same file, offsets, line and column),
 * not the same objects — nothing compares spans by identity.
 *
 * A declaration whose spans are not all in one parsed file (an attribute from a template imported from
 * another file, or a span not made by a LineIndex) keeps the plain record instead: the same interface.
 */
import type { Attribute } from "../syntax/ast.js";
import { LineIndex, type Span } from "../syntax/span.js";
import type { Spans } from "./model.js";
import type { AttributeTable } from "./templates.js";

/** Offsets per chunk of the store: 128 KiB, allocated outside the collected heap. */
const CHUNK = 1 << 15;

/** The attribute names of some entities, in the order of their first settings; a node of the store's trie. */
class Layout {
  /** The layouts one name longer: most nodes have one or two (a block kind's usual attributes). */
  private readonly longer: Layout[] = [];

  constructor(readonly names: readonly string[]) {}

  /** This layout followed by `name` (made once). */
  with(name: string): Layout {
    const longer = this.longer;
    const at = this.names.length;
    for (let i = 0; i < longer.length; i++) if (longer[i]!.names[at] === name) return longer[i]!;
    const layout = new Layout([...this.names, name]);
    longer.push(layout);
    return layout;
  }
}

/** The spans of the entities of one resolution. */
export class EntitySpanStore {
  private chunk = new Int32Array(CHUNK);
  private used = 0;
  private readonly empty = new Layout([]);
  /** The first settings of the declaration being stored (reused: no list per entity). */
  private readonly written: Attribute[] = [];

  /**
   * The spans of a declaration: its name, its block, the value of each attribute of `attributes` (the first
   * setting of each name, in order) and `items`.
   */
  spans(name: Span, decl: Span, attributes: AttributeTable, items: Spans["items"]): Spans {
    const written = this.written;
    written.length = 0;
    attributes.firstSettingsInto(written);
    const lines = linesOf(name);
    let sameFile = lines !== undefined && linesOf(decl) === lines;
    for (let i = 0; i < written.length && sameFile; i++) sameFile = linesOf(written[i]!.value.span) === lines;
    if (!sameFile) {
      const attrs: Partial<Record<string, Span>> = {};
      for (let i = 0; i < written.length; i++) attrs[written[i]!.name.name] = written[i]!.value.span;
      return { name, decl, attrs, items };
    }
    let layout = this.empty;
    for (let i = 0; i < written.length; i++) layout = layout.with(written[i]!.name.name);
    const size = 4 + 2 * written.length;
    if (this.used + size > this.chunk.length) {
      this.chunk = new Int32Array(Math.max(CHUNK, size));
      this.used = 0;
    }
    const offsets = this.chunk;
    const at = this.used;
    offsets[at] = name.start;
    offsets[at + 1] = name.end;
    offsets[at + 2] = decl.start;
    offsets[at + 3] = decl.end;
    for (let i = 0; i < written.length; i++) {
      const span = written[i]!.value.span;
      offsets[at + 4 + 2 * i] = span.start;
      offsets[at + 5 + 2 * i] = span.end;
    }
    this.used = at + size;
    written.length = 0;
    return new StoredSpans(lines!, layout.names, offsets, at, items);
  }
}

/** The LineIndex a span was made by, or undefined for a span that carries its line and column itself. */
function linesOf(span: Span): LineIndex | undefined {
  const lines = (span as { readonly lines?: unknown }).lines;
  return lines instanceof LineIndex ? lines : undefined;
}

/**
 * One entity's spans in the store: `offsets[at, at + 4)` are the name's and the block's start and end,
 * then a start and an end per name of `names`.
 */
class StoredSpans implements Spans {
  readonly #lines: LineIndex;
  readonly #names: readonly string[];
  readonly #offsets: Int32Array;
  readonly #at: number;

  constructor(
    lines: LineIndex,
    names: readonly string[],
    offsets: Int32Array,
    at: number,
    readonly items: Spans["items"],
  ) {
    this.#lines = lines;
    this.#names = names;
    this.#offsets = offsets;
    this.#at = at;
  }

  get name(): Span {
    return this.#lines.span(this.#offsets[this.#at]!, this.#offsets[this.#at + 1]!);
  }

  get decl(): Span {
    return this.#lines.span(this.#offsets[this.#at + 2]!, this.#offsets[this.#at + 3]!);
  }

  /** A record made on each read (a rule reads it for a message): in the order the attributes were first set. */
  get attrs(): Partial<Record<string, Span>> {
    const attrs: Partial<Record<string, Span>> = {};
    const names = this.#names;
    const offsets = this.#offsets;
    const lines = this.#lines;
    for (let i = 0, at = this.#at + 4; i < names.length; i++, at += 2) attrs[names[i]!] = lines.span(offsets[at]!, offsets[at + 1]!);
    return attrs;
  }

  /** What the plain record showed. */
  toJSON(): Spans {
    return { name: this.name, decl: this.decl, attrs: this.attrs, items: this.items };
  }
}
