/**
 * Reads the simple attributes and simple blocks of src/syntax/simple-attribute.ts straight from the token
 * array, with no chevrotain machinery: the parser (parser.ts) hands it the members and top-level blocks
 * that those rules could only read one way, with no error, and it builds their nodes with the builder
 * calls the rules make, in the same order (so the tree, its spans, the builder's cursor and diagnostics
 * are the same: test/syntax/simple-attribute.test.ts parses random files both ways and compares).
 *
 * `parseTokens` (parser.ts) first reads a file's top-level blocks with it alone, and hands the rest to
 * chevrotain's parser only where it meets something else (an import, a template, a mistake): a file
 * without them, such as every part of a large generated topology (src/syntax/parse.ts `parseInParts`),
 * never enters chevrotain's rules (nor its per-parse set-up), and the reader's loops index the token array
 * directly instead of going through the parser's `LA` and `SKIP_TOKEN` for every token.
 *
 * Every `read…` method is called only where the check of simple-attribute.ts said such a member starts
 * at `at`; it leaves `at` just past it.
 */
import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import type { AstBuilder } from "./build-ast.js";
import { AttributeNode, CallNode, ListNode } from "./nodes.js";
import { classAt, COMMA, DOT, DOT_DOT, EQUALS, L_BRACKET, L_PAREN, NAME, NUMBER, R_BRACKET, R_PAREN, SEMICOLON, simpleBlockAhead } from "./simple-attribute.js";
import * as t from "./tokens.js";

/**
 * A stack of the nodes read so far by the readers under way: each takes its own from where the stack stood
 * when it began, and leaves it as it found it. The array is written by index up to `top` and never
 * shortened: `length = 0` on an array gives it a new, empty backing store, which the next `push` grows
 * again (~150 bytes for every call or body read at the top of the stack).
 */
export class NodeStack<T> {
  private readonly items: T[] = [];
  private top = 0;

  get length(): number {
    return this.top;
  }

  push(item: T): void {
    this.items[this.top++] = item;
  }

  /** The items from `start`, as a new list of their exact size. */
  from(start: number): T[] {
    return this.items.slice(start, this.top);
  }

  truncate(start: number): void {
    this.top = start;
  }

  /** Empties the stack and lets go of what it held. */
  clear(): void {
    this.items.length = 0;
    this.top = 0;
  }
}

export class SimpleReader {
  /** The tokens being read, and the index of the next one. */
  tokens: readonly IToken[] = [];
  at = 0;
  builder: AstBuilder | undefined = undefined;
  private readonly members = new NodeStack<A.Member>();
  private readonly exprs = new NodeStack<A.Expr>();
  /** The name tokens of the reference being read (a reference holds no other value, so one is enough). */
  private readonly segments: IToken[] = [];

  /** Starts reading `tokens` from index `at`, building with `builder`. */
  start(tokens: readonly IToken[], at: number, builder: AstBuilder): void {
    this.tokens = tokens;
    this.at = at;
    this.builder = builder;
  }

  /** Lets go of the tokens, the builder and the nodes. */
  release(): void {
    this.tokens = [];
    this.at = 0;
    this.builder = undefined;
    this.members.clear();
    this.exprs.clear();
    this.segments.length = 0;
  }

  /** Reads top-level simple blocks onto `items` as long as one is next; stops at anything else (or the end). */
  readBlocks(items: A.TopLevel[]): void {
    while (simpleBlockAhead(this.tokens, this.at)) items.push(this.readBlock());
  }

  private take(): IToken {
    return this.tokens[this.at++]!;
  }

  private typeAt(i: number): unknown {
    return i < this.tokens.length ? this.tokens[i]!.tokenType : undefined;
  }

  /** A simple attribute: as the rules `member` › `attribute` › `expression` read it. */
  readAttribute(): A.Attribute {
    const b = this.builder!;
    const name = b.identifier(this.take());
    this.at++;
    const value = this.readValue();
    const semicolon = classAt(this.tokens, this.at) === SEMICOLON ? this.take() : undefined;
    const end = semicolon !== undefined ? b.tokenSpan(semicolon) : value.span;
    return new AttributeNode(name, value, b.over(name.span, end));
  }

  private readValue(): A.Expr {
    const tokens = this.tokens;
    const at = this.at;
    const cls = classAt(tokens, at);
    if (cls === NAME) return classAt(tokens, at + 1) === L_PAREN ? this.readCall() : this.readReference();
    if (cls === NUMBER && classAt(tokens, at + 1) === DOT_DOT) {
      this.at = at + 3;
      return this.builder!.range(tokens[at]!, tokens[at + 2]!);
    }
    if (cls === L_BRACKET) return this.readList();
    return this.builder!.literal(this.take())!;
  }

  private readReference(): A.RefExpr {
    const tokens = this.tokens;
    let count = 0;
    this.segments[count++] = this.take();
    while (classAt(tokens, this.at) === DOT) {
      this.at++;
      this.segments[count++] = this.take();
    }
    return this.builder!.reference(this.segments, count)!;
  }

  private readCall(): A.CallExpr {
    const b = this.builder!;
    const start = this.exprs.length;
    const callee = b.identifier(this.take());
    this.at++;
    if (classAt(this.tokens, this.at) !== R_PAREN) {
      for (;;) {
        this.exprs.push(this.readValue());
        if (classAt(this.tokens, this.at) !== COMMA) break;
        this.at++;
      }
    }
    const close = b.tokenSpan(this.take());
    const call = new CallNode(callee, this.exprs.from(start), b.over(callee.span, close));
    this.exprs.truncate(start);
    return call;
  }

  private readList(): A.ListExpr {
    const b = this.builder!;
    const start = this.exprs.length;
    const open = b.tokenSpan(this.take());
    if (classAt(this.tokens, this.at) !== R_BRACKET) {
      for (;;) {
        this.exprs.push(this.readValue());
        if (classAt(this.tokens, this.at) !== COMMA) break;
        this.at++;
        if (classAt(this.tokens, this.at) === R_BRACKET) break;
      }
    }
    const close = b.tokenSpan(this.take());
    const list = new ListNode(this.exprs.from(start), b.over(open, close));
    this.exprs.truncate(start);
    return list;
  }

  /**
   * A simple block: as the rules `block`, `namedBlockKind`, `namePattern` and `body` read it (the kind,
   * the name pattern, the template, then the body's members; the body's span is never made, only joined
   * into the block's).
   */
  readBlock(): A.Block {
    const b = this.builder!;
    const kind = this.take();
    const kindSpan = b.tokenSpan(kind);
    let pattern: A.NamePattern | undefined;
    let template: A.Identifier | undefined;
    if (this.typeAt(this.at) !== t.LCurly) {
      pattern = this.readNamePattern();
      if (this.typeAt(this.at) === t.Colon) {
        this.at++;
        template = b.identifier(this.take());
      }
    }
    const open = this.take();
    const openStart = b.useToken(open);
    const start = this.members.length;
    const tokens = this.tokens;
    while (this.typeAt(this.at) !== t.RCurly) this.members.push(classAt(tokens, this.at + 1) === EQUALS ? this.readAttribute() : this.readBlock());
    const close = this.take();
    const closeEnd = b.tokenEnd(close, b.useToken(close));
    const members = this.members.from(start);
    this.members.truncate(start);
    return b.block(kind, kindSpan, pattern, template, members, b.overRange(kindSpan, Math.min(openStart, closeEnd), closeEnd));
  }

  /** `name` or `name[from..to]`: as the rule `namePattern` reads it. */
  private readNamePattern(): A.NamePattern {
    const name = this.take();
    if (this.typeAt(this.at) !== t.LBracket) return this.builder!.namePattern(name);
    const at = this.at;
    this.at = at + 5;
    const tokens = this.tokens;
    return this.builder!.namePattern(name, tokens[at], tokens[at + 1], tokens[at + 3], tokens[at + 4]);
  }
}
