/**
 * The typed AST of one `.sriov` file, built by the parser as it reads (`parser.ts`, `build-ast.ts`);
 * nothing past src/syntax imports chevrotain. Every node carries a span.
 */
import type { Span } from "./span.js";

export const BLOCK_KINDS = ["host", "nic", "pf", "vswitch", "vm", "container", "iface", "traffic", "simulation", "cost"] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];
/** Kinds that take a name (all but `simulation` and `cost`). */
export const NAMED_BLOCK_KINDS = ["host", "nic", "pf", "vswitch", "vm", "container", "iface", "traffic"] as const satisfies readonly BlockKind[];
export type NamedBlockKind = (typeof NAMED_BLOCK_KINDS)[number];
/** Words that are always literals, never a name (src/syntax/tokens.ts `True`, `False`, `Auto`). */
export const LITERAL_WORDS = ["true", "false", "auto"] as const;

export interface Identifier {
  readonly kind: "Identifier";
  readonly name: string;
  readonly span: Span;
}

/** `web` or `web[1..8]`. */
export interface NamePattern {
  readonly kind: "NamePattern";
  readonly base: Identifier;
  readonly range?: { readonly from: NumberLiteral; readonly to: NumberLiteral; readonly span: Span };
  readonly span: Span;
}

export interface NumberLiteral {
  readonly kind: "Number";
  readonly value: number;
  readonly raw: string;
  readonly span: Span;
}

/** A number directly followed by a unit, kept as written (`10Gbps`); units are interpreted by semantics. */
export interface QuantityLiteral {
  readonly kind: "Quantity";
  readonly value: number;
  readonly unit: string;
  readonly raw: string;
  readonly span: Span;
}

export interface StringLiteral {
  readonly kind: "String";
  /** The decoded value, escapes applied. */
  readonly value: string;
  readonly raw: string;
  readonly span: Span;
}

export interface MacLiteral {
  readonly kind: "Mac";
  readonly raw: string;
  readonly span: Span;
}

export interface PciLiteral {
  readonly kind: "Pci";
  readonly raw: string;
  readonly span: Span;
}

export interface BooleanLiteral {
  readonly kind: "Boolean";
  readonly value: boolean;
  readonly span: Span;
}

export interface AutoLiteral {
  readonly kind: "Auto";
  readonly span: Span;
}

export interface RangeExpr {
  readonly kind: "Range";
  readonly from: NumberLiteral;
  readonly to: NumberLiteral;
  readonly span: Span;
}

export interface ListExpr {
  readonly kind: "List";
  readonly items: readonly Expr[];
  readonly span: Span;
}

export interface CallExpr {
  readonly kind: "Call";
  readonly callee: Identifier;
  readonly args: readonly Expr[];
  readonly span: Span;
}

/** `a.b.c`; a single segment is also how enum words (`none`, `kvm`, `poisson`) reach semantics. */
export interface RefExpr {
  readonly kind: "Ref";
  readonly segments: readonly Identifier[];
  readonly span: Span;
}

export type Literal = NumberLiteral | QuantityLiteral | StringLiteral | MacLiteral | PciLiteral | BooleanLiteral | AutoLiteral;
export type Expr = RangeExpr | ListExpr | CallExpr | RefExpr | Literal;

export interface Attribute {
  readonly kind: "Attribute";
  readonly name: Identifier;
  readonly value: Expr;
  readonly span: Span;
}

export interface Block {
  readonly kind: "Block";
  readonly blockKind: BlockKind;
  /** Span of the kind keyword. */
  readonly keywordSpan: Span;
  /** Absent only for `simulation` and `cost`. */
  readonly name?: NamePattern;
  /** `: template_name`. */
  readonly template?: Identifier;
  readonly members: readonly Member[];
  readonly span: Span;
}

export type Member = Attribute | Block;

export interface Template {
  readonly kind: "Template";
  readonly blockKind: NamedBlockKind;
  readonly keywordSpan: Span;
  readonly name: Identifier;
  readonly members: readonly Member[];
  readonly span: Span;
}

export interface Import {
  readonly kind: "Import";
  readonly path: StringLiteral;
  readonly span: Span;
}

export type TopLevel = Import | Template | Block;

export interface Comment {
  readonly kind: "Comment";
  readonly style: "line" | "block";
  /** As written, including `//` or `/* *\/`. */
  readonly text: string;
  readonly span: Span;
}

export interface SourceFile {
  readonly kind: "File";
  /** Display path (relative to the working directory, `/`-separated). */
  readonly file: string;
  readonly items: readonly TopLevel[];
  /** Every comment, in source order: a side channel for the formatter and suppressions. */
  readonly comments: readonly Comment[];
  readonly span: Span;
}
