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
 * entity that wrote the same attributes in the same order, in this resolution or an earlier one of the
 * process (`LayoutTree`: up to a limit, for a long editor session). The spans are made again when read (a
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

/**
 * Offsets per chunk of the store: the first chunk small, each next one twice the last, up to 128 KiB
 * (typed arrays' memory is allocated outside the collected heap). Small first: an editor's run resolves
 * only the hosts an edit changed, and each host kept from it holds its run's chunk.
 */
const FIRST_CHUNK = 1 << 8;
const LARGEST_CHUNK = 1 << 15;

/** The key under which an `attrs` view holds its entity's spans (a symbol: no key of the record). */
const SPANS = Symbol("spans");

/** What an `attrs` view is: the entity's spans, read through its layout's getters. */
interface AttrsView {
  readonly [SPANS]: StoredSpans;
}

/**
 * The attribute names of some entities, in the order of their first settings; a node of the store's trie.
 * It makes the `attrs` views of its entities: objects whose prototype has a getter per name, so reading
 * `attrs.pin` makes that one span (rules read an attribute's span of every VM or interface, and a record
 * of every span made on each read was most of what the check allocated after resolution).
 */
class Layout {
  /** The layouts one name longer: most nodes have one or two (a block kind's usual attributes). */
  private readonly longer: Layout[] = [];
  /** The views' constructor, made when first needed. */
  private view: (new (spans: StoredSpans) => AttrsView) | undefined;

  constructor(readonly names: readonly string[]) {}

  /** A view of `spans`' attributes: a record of the names, as own keys would be seen by `for…in`, `in` and JSON. */
  viewOf(spans: StoredSpans): Partial<Record<string, Span>> {
    this.view ??= viewClass(this.names);
    return new this.view(spans) as unknown as Partial<Record<string, Span>>;
  }

  /**
   * This layout followed by `name` (made once, and counted in `tree`). A layout does not hold its tree: an
   * entity kept from an earlier check (the editor's resolve cache) keeps its layout and the longer ones
   * alive, not a whole tree that a later check has replaced.
   */
  with(name: string, tree: LayoutTree): Layout {
    const longer = this.longer;
    const at = this.names.length;
    for (let i = 0; i < longer.length; i++) if (longer[i]!.names[at] === name) return longer[i]!;
    const layout = new Layout([...this.names, ownCopy(name)]);
    tree.size++;
    longer.push(layout);
    return layout;
  }
}

/**
 * Most layouts a process keeps for its resolutions to share (each a node, its names and, once read, a view
 * class of a getter per name: 0.6 kB measured for one or two names, so ~1.3 MB at most). The bench
 * topologies need 30, the samples a few dozen; an editor session makes new ones as attribute names are
 * typed (`p`, `pi`, `pin`, in each order written), and a long one must not grow the tree without bound: a
 * resolution that starts with the tree past this size starts a new one (of the old one, only the layouts
 * that kept models use live on, with them; the rules' code is deoptimised once, as it was in every check).
 */
export const SHARED_LAYOUTS_LIMIT = 2048;

/**
 * The layouts of the resolutions of a process, from the empty one. Shared, not made per resolution: an
 * `attrs` view's hidden class is its layout's view class, so with a tree per resolution every check gave
 * the rules' optimised code objects of new classes and V8 deoptimised it ("wrong map") in every check of
 * a long-lived process (the language server, the bench's alternate run).
 */
class LayoutTree {
  /** Layouts made in this tree besides the empty one. */
  size = 0;
  readonly empty: Layout = new Layout([]);

  private static shared: LayoutTree | undefined;

  /** The tree a new resolution uses: the process's, or a new one once that has grown past the limit. */
  static forResolution(): LayoutTree {
    let tree = LayoutTree.shared;
    if (tree === undefined || tree.size > SHARED_LAYOUTS_LIMIT) LayoutTree.shared = tree = new LayoutTree();
    return tree;
  }
}

/** The layouts made so far in the tree the next resolution will use (for tests). */
export function sharedLayoutCount(): number {
  return LayoutTree.forResolution().size;
}

/**
 * `name` as a string of its own: an attribute name is a slice of its file's text, and V8 keeps a long
 * enough slice as a pointer into that text; a layout outlives its check, and must not keep a file alive.
 */
function ownCopy(name: string): string {
  return Buffer.from(name, "utf8").toString("utf8");
}

/** The class of the `attrs` views of one layout: an enumerable getter per name, and `toJSON` the plain record. */
function viewClass(names: readonly string[]): new (spans: StoredSpans) => AttrsView {
  const View = function (this: { [SPANS]: StoredSpans }, spans: StoredSpans): void {
    this[SPANS] = spans;
  } as unknown as new (spans: StoredSpans) => AttrsView;
  const prototype = View.prototype as object;
  for (let i = 0; i < names.length; i++) {
    Object.defineProperty(prototype, names[i]!, {
      enumerable: true,
      get(this: AttrsView): Span {
        return this[SPANS].attribute(i);
      },
    });
  }
  Object.defineProperty(prototype, "toJSON", {
    value(this: AttrsView): Partial<Record<string, Span>> {
      const record: Partial<Record<string, Span>> = {};
      for (let i = 0; i < names.length; i++) record[names[i]!] = this[SPANS].attribute(i);
      return record;
    },
  });
  return View;
}

/** The spans of the entities of one resolution. */
export class EntitySpanStore {
  private chunk = new Int32Array(FIRST_CHUNK);
  private used = 0;
  private readonly layouts = LayoutTree.forResolution();
  /**
   * The first settings of the declaration being stored, from index 0 (reused, and never shortened: setting
   * a list's length to 0 lets its store go, and the next push allocated a new one, per entity).
   */
  private readonly written: Attribute[] = [];

  /**
   * The spans of a declaration: its name, its block, the value of each attribute of `attributes` (the first
   * setting of each name, in order) and `items`.
   */
  spans(name: Span, decl: Span, attributes: AttributeTable, items: Spans["items"]): Spans {
    const written = this.written;
    const count = attributes.firstSettingsInto(written);
    const lines = linesOf(name);
    // (Once the name's LineIndex is known, the others are compared with it: no `instanceof` per span.)
    let sameFile = lines !== undefined && (decl as MaybeStored).lines === lines;
    for (let i = 0; i < count && sameFile; i++) sameFile = (written[i]!.value.span as MaybeStored).lines === lines;
    if (!sameFile) {
      const attrs: Partial<Record<string, Span>> = {};
      for (let i = 0; i < count; i++) attrs[written[i]!.name.name] = written[i]!.value.span;
      return { name, decl, attrs, items };
    }
    const layouts = this.layouts;
    let layout = layouts.empty;
    for (let i = 0; i < count; i++) layout = layout.with(written[i]!.name.name, layouts);
    const size = 4 + 2 * count;
    if (this.used + size > this.chunk.length) {
      this.chunk = new Int32Array(Math.max(Math.min(2 * this.chunk.length, LARGEST_CHUNK), size));
      this.used = 0;
    }
    const offsets = this.chunk;
    const at = this.used;
    offsets[at] = name.start;
    offsets[at + 1] = name.end;
    offsets[at + 2] = decl.start;
    offsets[at + 3] = decl.end;
    for (let i = 0; i < count; i++) {
      const span = written[i]!.value.span;
      offsets[at + 4 + 2 * i] = span.start;
      offsets[at + 5 + 2 * i] = span.end;
    }
    this.used = at + size;
    return new StoredSpans(lines!, layout, offsets, at, items);
  }
}

/** A span as made by a LineIndex (syntax/span.ts `SourceSpan`: it has its `lines`), or any other. */
type MaybeStored = Span & { readonly lines?: unknown };

/** The LineIndex a span was made by, or undefined for a span that carries its line and column itself. */
function linesOf(span: Span): LineIndex | undefined {
  const lines = (span as MaybeStored).lines;
  return lines instanceof LineIndex ? lines : undefined;
}

/**
 * One entity's spans in the store: `offsets[at, at + 4)` are the name's and the block's start and end,
 * then a start and an end per name of `names`.
 */
class StoredSpans implements Spans {
  readonly #lines: LineIndex;
  readonly #layout: Layout;
  readonly #offsets: Int32Array;
  readonly #at: number;

  constructor(
    lines: LineIndex,
    layout: Layout,
    offsets: Int32Array,
    at: number,
    readonly items: Spans["items"],
  ) {
    this.#lines = lines;
    this.#layout = layout;
    this.#offsets = offsets;
    this.#at = at;
  }

  get name(): Span {
    return this.#lines.span(this.#offsets[this.#at]!, this.#offsets[this.#at + 1]!);
  }

  get decl(): Span {
    return this.#lines.span(this.#offsets[this.#at + 2]!, this.#offsets[this.#at + 3]!);
  }

  /**
   * The attributes' spans, by name in the order they were first set: a view made on each read, whose
   * properties make their span when read (inherited getters: `attrs.pin`, `"pin" in attrs`, `for…in` and
   * JSON see them as a record's; `Object.keys` does not, and nothing here uses it).
   */
  get attrs(): Partial<Record<string, Span>> {
    return this.#layout.viewOf(this);
  }

  /** The span of the `index`-th attribute of the layout. */
  attribute(index: number): Span {
    const at = this.#at + 4 + 2 * index;
    return this.#lines.span(this.#offsets[at]!, this.#offsets[at + 1]!);
  }

  /** What the plain record showed. */
  toJSON(): Spans {
    return {
      name: this.name,
      decl: this.decl,
      attrs: this.attrs,
      items: this.items,
    };
  }
}
