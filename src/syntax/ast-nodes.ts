/**
 * The AST's nodes as the parser makes them: one class per node kind of `ast.ts`, each with the fields of
 * its interface as own, enumerable properties in the order the interface (and JSON) shows them, so a node
 * is indistinguishable from the object literal it replaces except by its prototype.
 *
 * Why classes: V8 tracks each object literal's allocation site and, once most of a site's objects have
 * survived a scavenge, allocates that site's objects in the old generation from then on (pretenuring). A
 * large file's tree is made part by part and most of each part's nodes are dropped once the part is
 * resolved, so pretenured nodes became old-generation garbage, left for the costlier mark-compact; a
 * site's pretenuring decision also threw away the optimised code of the functions that allocate there.
 * Objects made by a constructor have no such site: they are allocated young and die young.
 */
import type * as A from "./ast.js";
import type { Span } from "./span.js";

export class IdentifierNode implements A.Identifier {
  declare readonly kind: "Identifier";
  declare readonly name: string;
  declare readonly span: Span;
  constructor(name: string, span: Span) {
    (this as { kind: string }).kind = "Identifier";
    (this as { name: string }).name = name;
    (this as { span: Span }).span = span;
  }
}

export class NumberNode implements A.NumberLiteral {
  declare readonly kind: "Number";
  declare readonly value: number;
  declare readonly raw: string;
  declare readonly span: Span;
  constructor(value: number, raw: string, span: Span) {
    (this as { kind: string }).kind = "Number";
    (this as { value: number }).value = value;
    (this as { raw: string }).raw = raw;
    (this as { span: Span }).span = span;
  }
}

export class QuantityNode implements A.QuantityLiteral {
  declare readonly kind: "Quantity";
  declare readonly value: number;
  declare readonly unit: string;
  declare readonly raw: string;
  declare readonly span: Span;
  constructor(value: number, unit: string, raw: string, span: Span) {
    (this as { kind: string }).kind = "Quantity";
    (this as { value: number }).value = value;
    (this as { unit: string }).unit = unit;
    (this as { raw: string }).raw = raw;
    (this as { span: Span }).span = span;
  }
}

export class StringNode implements A.StringLiteral {
  declare readonly kind: "String";
  declare readonly value: string;
  declare readonly raw: string;
  declare readonly span: Span;
  constructor(value: string, raw: string, span: Span) {
    (this as { kind: string }).kind = "String";
    (this as { value: string }).value = value;
    (this as { raw: string }).raw = raw;
    (this as { span: Span }).span = span;
  }
}

export class MacNode implements A.MacLiteral {
  declare readonly kind: "Mac";
  declare readonly raw: string;
  declare readonly span: Span;
  constructor(raw: string, span: Span) {
    (this as { kind: string }).kind = "Mac";
    (this as { raw: string }).raw = raw;
    (this as { span: Span }).span = span;
  }
}

export class PciNode implements A.PciLiteral {
  declare readonly kind: "Pci";
  declare readonly raw: string;
  declare readonly span: Span;
  constructor(raw: string, span: Span) {
    (this as { kind: string }).kind = "Pci";
    (this as { raw: string }).raw = raw;
    (this as { span: Span }).span = span;
  }
}

export class BooleanNode implements A.BooleanLiteral {
  declare readonly kind: "Boolean";
  declare readonly value: boolean;
  declare readonly span: Span;
  constructor(value: boolean, span: Span) {
    (this as { kind: string }).kind = "Boolean";
    (this as { value: boolean }).value = value;
    (this as { span: Span }).span = span;
  }
}

export class AutoNode implements A.AutoLiteral {
  declare readonly kind: "Auto";
  declare readonly span: Span;
  constructor(span: Span) {
    (this as { kind: string }).kind = "Auto";
    (this as { span: Span }).span = span;
  }
}

export class RangeNode implements A.RangeExpr {
  declare readonly kind: "Range";
  declare readonly from: A.NumberLiteral;
  declare readonly to: A.NumberLiteral;
  declare readonly span: Span;
  constructor(from: A.NumberLiteral, to: A.NumberLiteral, span: Span) {
    (this as { kind: string }).kind = "Range";
    (this as { from: A.NumberLiteral }).from = from;
    (this as { to: A.NumberLiteral }).to = to;
    (this as { span: Span }).span = span;
  }
}

export class ListNode implements A.ListExpr {
  declare readonly kind: "List";
  declare readonly items: readonly A.Expr[];
  declare readonly span: Span;
  constructor(items: readonly A.Expr[], span: Span) {
    (this as { kind: string }).kind = "List";
    (this as { items: readonly A.Expr[] }).items = items;
    (this as { span: Span }).span = span;
  }
}

export class CallNode implements A.CallExpr {
  declare readonly kind: "Call";
  declare readonly callee: A.Identifier;
  declare readonly args: readonly A.Expr[];
  declare readonly span: Span;
  constructor(callee: A.Identifier, args: readonly A.Expr[], span: Span) {
    (this as { kind: string }).kind = "Call";
    (this as { callee: A.Identifier }).callee = callee;
    (this as { args: readonly A.Expr[] }).args = args;
    (this as { span: Span }).span = span;
  }
}

export class RefNode implements A.RefExpr {
  declare readonly kind: "Ref";
  declare readonly segments: readonly A.Identifier[];
  declare readonly span: Span;
  constructor(segments: readonly A.Identifier[], span: Span) {
    (this as { kind: string }).kind = "Ref";
    (this as { segments: readonly A.Identifier[] }).segments = segments;
    (this as { span: Span }).span = span;
  }
}

export class AttributeNode implements A.Attribute {
  declare readonly kind: "Attribute";
  declare readonly name: A.Identifier;
  declare readonly value: A.Expr;
  declare readonly span: Span;
  constructor(name: A.Identifier, value: A.Expr, span: Span) {
    (this as { kind: string }).kind = "Attribute";
    (this as { name: A.Identifier }).name = name;
    (this as { value: A.Expr }).value = value;
    (this as { span: Span }).span = span;
  }
}

/** A block; `name` only for the named kinds, `template` only when one is named (both absent, not undefined, otherwise). */
export class BlockNode implements A.Block {
  declare readonly kind: "Block";
  declare readonly blockKind: A.BlockKind;
  declare readonly keywordSpan: Span;
  declare readonly name?: A.NamePattern;
  declare readonly members: readonly A.Member[];
  declare readonly span: Span;
  declare readonly template?: A.Identifier;
  constructor(blockKind: A.BlockKind, keywordSpan: Span, name: A.NamePattern | undefined, members: readonly A.Member[], span: Span, template: A.Identifier | undefined) {
    const self = this as { -readonly [K in keyof A.Block]: A.Block[K] };
    self.kind = "Block";
    self.blockKind = blockKind;
    self.keywordSpan = keywordSpan;
    if (name !== undefined) self.name = name;
    self.members = members;
    self.span = span;
    if (template !== undefined) self.template = template;
  }
}

/** `web` or `web[1..8]`; `range` absent (not undefined) for a plain name. */
export class NamePatternNode implements A.NamePattern {
  declare readonly kind: "NamePattern";
  declare readonly base: A.Identifier;
  declare readonly range?: { readonly from: A.NumberLiteral; readonly to: A.NumberLiteral; readonly span: Span };
  declare readonly span: Span;
  constructor(base: A.Identifier, range: A.NamePattern["range"], span: Span) {
    const self = this as { -readonly [K in keyof A.NamePattern]: A.NamePattern[K] };
    self.kind = "NamePattern";
    self.base = base;
    if (range !== undefined) self.range = range;
    self.span = span;
  }
}
