/**
 * The AST's nodes as the parser makes them: one class per node shape, each with the fields of its
 * `ast.ts` interface, own and enumerable, in the order an object literal would have them (JSON, `toEqual`
 * and spreads see the same records). Classes, not object literals: V8 keeps an allocation site for every
 * object or array literal and may decide, from the objects of that site found alive at a young-generation
 * collection, to allocate all its later objects in the old generation directly ("pretenuring"). A large
 * file is parsed and resolved part by part, and a collection in the first parts finds the part being
 * parsed alive, so that decision was taken in about one fresh check in three: from then on every node of
 * the file was made in the old generation, where it died as soon as its part was resolved and filled the
 * heap until a full collection (docs/PERFORMANCE.md, "Which syntax objects V8 pretenures"). A constructed
 * object has no allocation site: these are always made young, and die young. (The nodes that live on, the
 * spans the model keeps, are `SourceSpan`s, constructed too: span.ts.)
 */
import type * as A from "./ast.js";
import type { Span } from "./span.js";

export class IdentifierNode implements A.Identifier {
  readonly kind: "Identifier";
  readonly name: string;
  readonly span: Span;
  constructor(name: string, span: Span) {
    this.kind = "Identifier";
    this.name = name;
    this.span = span;
  }
}

export class NumberNode implements A.NumberLiteral {
  readonly kind: "Number";
  readonly value: number;
  readonly raw: string;
  readonly span: Span;
  constructor(value: number, raw: string, span: Span) {
    this.kind = "Number";
    this.value = value;
    this.raw = raw;
    this.span = span;
  }
}

export class QuantityNode implements A.QuantityLiteral {
  readonly kind: "Quantity";
  readonly value: number;
  readonly unit: string;
  readonly raw: string;
  readonly span: Span;
  constructor(value: number, unit: string, raw: string, span: Span) {
    this.kind = "Quantity";
    this.value = value;
    this.unit = unit;
    this.raw = raw;
    this.span = span;
  }
}

export class StringNode implements A.StringLiteral {
  readonly kind: "String";
  readonly value: string;
  readonly raw: string;
  readonly span: Span;
  constructor(value: string, raw: string, span: Span) {
    this.kind = "String";
    this.value = value;
    this.raw = raw;
    this.span = span;
  }
}

/** A MAC or a PCI address: a literal kept as written. */
export class RawNode<K extends "Mac" | "Pci"> {
  readonly kind: K;
  readonly raw: string;
  readonly span: Span;
  constructor(kind: K, raw: string, span: Span) {
    this.kind = kind;
    this.raw = raw;
    this.span = span;
  }
}

export class BooleanNode implements A.BooleanLiteral {
  readonly kind: "Boolean";
  readonly value: boolean;
  readonly span: Span;
  constructor(value: boolean, span: Span) {
    this.kind = "Boolean";
    this.value = value;
    this.span = span;
  }
}

export class AutoNode implements A.AutoLiteral {
  readonly kind: "Auto";
  readonly span: Span;
  constructor(span: Span) {
    this.kind = "Auto";
    this.span = span;
  }
}

export class RangeNode implements A.RangeExpr {
  readonly kind: "Range";
  readonly from: A.NumberLiteral;
  readonly to: A.NumberLiteral;
  readonly span: Span;
  constructor(from: A.NumberLiteral, to: A.NumberLiteral, span: Span) {
    this.kind = "Range";
    this.from = from;
    this.to = to;
    this.span = span;
  }
}

export class ListNode implements A.ListExpr {
  readonly kind: "List";
  readonly items: readonly A.Expr[];
  readonly span: Span;
  constructor(items: readonly A.Expr[], span: Span) {
    this.kind = "List";
    this.items = items;
    this.span = span;
  }
}

export class CallNode implements A.CallExpr {
  readonly kind: "Call";
  readonly callee: A.Identifier;
  readonly args: readonly A.Expr[];
  readonly span: Span;
  constructor(callee: A.Identifier, args: readonly A.Expr[], span: Span) {
    this.kind = "Call";
    this.callee = callee;
    this.args = args;
    this.span = span;
  }
}

export class RefNode implements A.RefExpr {
  readonly kind: "Ref";
  readonly segments: readonly A.Identifier[];
  readonly span: Span;
  constructor(segments: readonly A.Identifier[], span: Span) {
    this.kind = "Ref";
    this.segments = segments;
    this.span = span;
  }
}

export class AttributeNode implements A.Attribute {
  readonly kind: "Attribute";
  readonly name: A.Identifier;
  readonly value: A.Expr;
  readonly span: Span;
  constructor(name: A.Identifier, value: A.Expr, span: Span) {
    this.kind = "Attribute";
    this.name = name;
    this.value = value;
    this.span = span;
  }
}

/** `web` (no range). */
export class PlainNamePatternNode implements A.NamePattern {
  readonly kind: "NamePattern";
  readonly base: A.Identifier;
  readonly span: Span;
  constructor(base: A.Identifier, span: Span) {
    this.kind = "NamePattern";
    this.base = base;
    this.span = span;
  }
}

/** The `[1..8]` of a name pattern. */
export class NameRangeNode implements NonNullable<A.NamePattern["range"]> {
  readonly from: A.NumberLiteral;
  readonly to: A.NumberLiteral;
  readonly span: Span;
  constructor(from: A.NumberLiteral, to: A.NumberLiteral, span: Span) {
    this.from = from;
    this.to = to;
    this.span = span;
  }
}

/** `web[1..8]`. */
export class RangedNamePatternNode implements A.NamePattern {
  readonly kind: "NamePattern";
  readonly base: A.Identifier;
  readonly range: NameRangeNode;
  readonly span: Span;
  constructor(base: A.Identifier, range: NameRangeNode, span: Span) {
    this.kind = "NamePattern";
    this.base = base;
    this.range = range;
    this.span = span;
  }
}

/** `simulation { … }`, `cost { … }`: no name. */
export class UnnamedBlockNode implements A.Block {
  readonly kind: "Block";
  readonly blockKind: A.BlockKind;
  readonly keywordSpan: Span;
  readonly members: readonly A.Member[];
  readonly span: Span;
  constructor(blockKind: A.BlockKind, keywordSpan: Span, members: readonly A.Member[], span: Span) {
    this.kind = "Block";
    this.blockKind = blockKind;
    this.keywordSpan = keywordSpan;
    this.members = members;
    this.span = span;
  }
}

/** `vm web { … }`. */
export class NamedBlockNode implements A.Block {
  readonly kind: "Block";
  readonly blockKind: A.BlockKind;
  readonly keywordSpan: Span;
  readonly name: A.NamePattern;
  readonly members: readonly A.Member[];
  readonly span: Span;
  constructor(blockKind: A.BlockKind, keywordSpan: Span, name: A.NamePattern, members: readonly A.Member[], span: Span) {
    this.kind = "Block";
    this.blockKind = blockKind;
    this.keywordSpan = keywordSpan;
    this.name = name;
    this.members = members;
    this.span = span;
  }
}

/** `vm web : small { … }` (the template last, as the parser has always added it). */
export class TemplatedBlockNode implements A.Block {
  readonly kind: "Block";
  readonly blockKind: A.BlockKind;
  readonly keywordSpan: Span;
  readonly name: A.NamePattern;
  readonly members: readonly A.Member[];
  readonly span: Span;
  readonly template: A.Identifier;
  constructor(blockKind: A.BlockKind, keywordSpan: Span, name: A.NamePattern, members: readonly A.Member[], span: Span, template: A.Identifier) {
    this.kind = "Block";
    this.blockKind = blockKind;
    this.keywordSpan = keywordSpan;
    this.name = name;
    this.members = members;
    this.span = span;
    this.template = template;
  }
}

export class TemplateNode implements A.Template {
  readonly kind: "Template";
  readonly blockKind: A.NamedBlockKind;
  readonly keywordSpan: Span;
  readonly name: A.Identifier;
  readonly members: readonly A.Member[];
  readonly span: Span;
  constructor(blockKind: A.NamedBlockKind, keywordSpan: Span, name: A.Identifier, members: readonly A.Member[], span: Span) {
    this.kind = "Template";
    this.blockKind = blockKind;
    this.keywordSpan = keywordSpan;
    this.name = name;
    this.members = members;
    this.span = span;
  }
}

export class ImportNode implements A.Import {
  readonly kind: "Import";
  readonly path: A.StringLiteral;
  readonly span: Span;
  constructor(path: A.StringLiteral, span: Span) {
    this.kind = "Import";
    this.path = path;
    this.span = span;
  }
}
