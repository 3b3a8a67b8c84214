/**
 * The CST → AST boundary: the only place that reads chevrotain's CST. After this, every stage works on
 * the typed nodes of `ast.ts`. Partial trees from error recovery are turned into the best AST we can
 * build; tokens that recovery inserted (NaN offsets) get a zero-width span at the last known position.
 */
import type { CstElement, CstNode, IToken } from "chevrotain";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type * as A from "./ast.js";
import { joinSpans, type LineIndex, type Span } from "./span.js";

function isToken(element: CstElement | undefined): element is IToken {
  return element !== undefined && "image" in element;
}

/**
 * The first element of the first non-empty child list, in the order chevrotain added the keys. (A loop
 * rather than `Object.values(children).flat()[0]`: this runs for every expression and literal.)
 */
function firstChild(node: CstNode): CstElement | undefined {
  const children = node.children;
  for (const key in children) {
    const first = children[key]![0];
    if (first !== undefined) return first;
  }
  return undefined;
}

/** Offset of a top-level item's first token (its keyword), to restore source order across CST keys. */
function leadingOffset(node: CstNode): number {
  const first = firstChild(node);
  if (first === undefined) return Number.POSITIVE_INFINITY;
  return isToken(first) ? first.startOffset : leadingOffset(first);
}

const NONE: never[] = [];

/** The children of a top-level item once it has been built (see `AstBuilder.item`). */
const CONVERTED: CstNode["children"] = Object.freeze({});

// Each CST key holds either tokens or nodes, never both, so these are casts, not filters.
function tokens(node: CstNode, key: string): IToken[] {
  return (node.children[key] as IToken[] | undefined) ?? NONE;
}

function nodes(node: CstNode, key: string): CstNode[] {
  return (node.children[key] as CstNode[] | undefined) ?? NONE;
}

/** Length of the number that starts a quantity token (`\d+(\.\d+)?`, as the lexer matched it). */
function numberPrefixLength(text: string): number {
  const isDigit = (i: number): boolean => {
    const c = text.charCodeAt(i);
    return c >= 48 && c <= 57;
  };
  let i = 0;
  while (isDigit(i)) i++;
  if (text.charCodeAt(i) === 46 && isDigit(i + 1)) {
    i += 2;
    while (isDigit(i)) i++;
  }
  return i;
}

/**
 * A copy of a list built by `push`, with no spare room. The first push gives an array room for 17
 * elements, and most lists here hold one to three (a reference's segments, a call's arguments, a VM's
 * members): the spare room was an eighth of the AST's memory.
 */
function exact<T>(list: T[]): T[] {
  return list.slice();
}

/** `{HEX}` after `\u`, matched in place (sticky) rather than on a copy of the rest of the string. */
const UNICODE_ESCAPE = /\{([0-9A-Fa-f]{1,6})\}/y;
const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", n: "\n", t: "\t" };

export class AstBuilder {
  readonly diagnostics: Diagnostic[] = [];
  /** End of the last real token seen: where a recovery-inserted token is placed. */
  private cursor = 0;
  /**
   * One string per distinct name, number or unit in the file: a topology repeats the same few words
   * (`iface`, `vlan`, `eth0`, `64`) on every line, and each token brings its own copy.
   */
  private readonly words = new Map<string, string>();
  /** Top-level items built so far, with the offset of their first token. */
  private readonly built: { offset: number; item: A.TopLevel | undefined }[] = [];

  constructor(private readonly lines: LineIndex) {}

  private tokenSpan(token: IToken): Span {
    if (!Number.isFinite(token.startOffset) || token.isInsertedInRecovery) return this.lines.span(this.cursor, this.cursor);
    const end = token.startOffset + token.image.length;
    this.cursor = Math.max(this.cursor, end);
    return this.lines.span(token.startOffset, end);
  }

  private word(text: string): string {
    const known = this.words.get(text);
    if (known !== undefined) return known;
    this.words.set(text, text);
    return text;
  }

  private over(first: Span, last: Span): Span {
    return joinSpans(first, last);
  }

  /**
   * Builds one top-level item as soon as the parser has it (parseTokens' `onItem`), then lets go of its CST:
   * a file's CST is several times the size of its AST, and held until the end of the file it all survives
   * into the old generation, which made garbage collection a third of `check`.
   */
  item(node: CstNode): void {
    this.built.push({ offset: leadingOffset(node), item: this.topLevel(node) });
    (node as { children: CstNode["children"] }).children = CONVERTED;
  }

  /**
   * The file's AST: the items built as they were parsed, plus any the parser added without handing them
   * over (an item cut short by an error that ended the file), in source order.
   */
  file(cst: CstNode, file: string, comments: IToken[]): A.SourceFile {
    let built = this.built;
    const leftovers = [...nodes(cst, "importDecl"), ...nodes(cst, "templateDecl"), ...nodes(cst, "block")].filter((node) => node.children !== CONVERTED);
    if (leftovers.length > 0) {
      const more = leftovers.map((node) => ({ node, offset: leadingOffset(node) })).sort((a, b) => a.offset - b.offset);
      built = [...built, ...more.map(({ node, offset }) => ({ offset, item: this.topLevel(node) }))].sort((a, b) => a.offset - b.offset);
    }
    const items: A.TopLevel[] = [];
    for (const { item } of built) if (item) items.push(item);
    const commentNodes = comments.map(
      (token): A.Comment => ({
        kind: "Comment",
        style: token.image.startsWith("//") ? "line" : "block",
        text: token.image,
        span: this.lines.span(token.startOffset, token.startOffset + token.image.length),
      }),
    );
    return { kind: "File", file, items, comments: commentNodes, span: this.lines.span(0, this.lines.text.length) };
  }

  private topLevel(node: CstNode): A.TopLevel | undefined {
    return node.name === "importDecl" ? this.importDecl(node) : node.name === "templateDecl" ? this.templateDecl(node) : this.block(node);
  }

  private importDecl(node: CstNode): A.Import | undefined {
    const keyword = tokens(node, "Import")[0];
    const path = tokens(node, "String")[0] ?? tokens(node, "UnterminatedString")[0];
    if (!keyword || !path || path.isInsertedInRecovery) return undefined;
    const literal = this.string(path);
    return { kind: "Import", path: literal, span: this.over(this.tokenSpan(keyword), literal.span) };
  }

  private templateDecl(node: CstNode): A.Template | undefined {
    const keyword = tokens(node, "Template")[0];
    const kindNode = nodes(node, "namedBlockKind")[0];
    const nameToken = tokens(node, "Name")[0];
    const bodyNode = nodes(node, "body")[0];
    if (!keyword || !kindNode || !nameToken || !bodyNode) return undefined;
    const kindToken = this.kindToken(kindNode);
    if (!kindToken) return undefined;
    const keywordSpan = this.tokenSpan(keyword);
    const kindSpan = this.tokenSpan(kindToken);
    const name = this.identifier(nameToken);
    const body = this.body(bodyNode);
    return {
      kind: "Template",
      blockKind: kindToken.image as A.NamedBlockKind,
      keywordSpan: joinSpans(keywordSpan, kindSpan),
      name,
      members: body.members,
      span: this.over(keywordSpan, body.span),
    };
  }

  private kindToken(node: CstNode): IToken | undefined {
    const children = node.children;
    for (const key in children) for (const child of children[key]!) if (isToken(child) && !child.isInsertedInRecovery) return child;
    return undefined;
  }

  block(node: CstNode): A.Block | undefined {
    const kindNode = nodes(node, "namedBlockKind")[0];
    const bodyNode = nodes(node, "body")[0];
    if (!bodyNode) return undefined;
    if (kindNode) {
      const kindToken = this.kindToken(kindNode);
      const patternNode = nodes(node, "namePattern")[0];
      if (!kindToken || !patternNode) return undefined;
      const keywordSpan = this.tokenSpan(kindToken);
      const name = this.namePattern(patternNode);
      if (!name) return undefined;
      const templateToken = tokens(node, "templateName")[0];
      const template = templateToken && !templateToken.isInsertedInRecovery ? this.identifier(templateToken) : undefined;
      const body = this.body(bodyNode);
      const block: A.Block = {
        kind: "Block",
        blockKind: kindToken.image as A.BlockKind,
        keywordSpan,
        name,
        members: body.members,
        span: this.over(keywordSpan, body.span),
      };
      return template ? { ...block, template } : block;
    }
    const keyword = tokens(node, "Simulation")[0] ?? tokens(node, "Cost")[0];
    if (!keyword) return undefined;
    const keywordSpan = this.tokenSpan(keyword);
    const body = this.body(bodyNode);
    return {
      kind: "Block",
      blockKind: keyword.image as A.BlockKind,
      keywordSpan,
      members: body.members,
      span: this.over(keywordSpan, body.span),
    };
  }

  private namePattern(node: CstNode): A.NamePattern | undefined {
    const nameToken = tokens(node, "Name")[0];
    if (!nameToken || nameToken.isInsertedInRecovery) return undefined;
    const base = this.identifier(nameToken);
    const open = tokens(node, "LBracket")[0];
    const fromToken = tokens(node, "from")[0];
    const toToken = tokens(node, "to")[0];
    const close = tokens(node, "RBracket")[0];
    if (!open || !fromToken || !toToken || !close) return { kind: "NamePattern", base, span: base.span };
    const from = this.integer(fromToken);
    const to = this.integer(toToken);
    const closeSpan = this.tokenSpan(close);
    const rangeSpan = this.over(this.tokenSpan(open), closeSpan);
    return { kind: "NamePattern", base, range: { from, to, span: rangeSpan }, span: this.over(base.span, closeSpan) };
  }

  private body(node: CstNode): { members: A.Member[]; span: Span } {
    const open = tokens(node, "LCurly")[0];
    const openSpan = open ? this.tokenSpan(open) : this.lines.span(this.cursor, this.cursor);
    let members: A.Member[] = [];
    for (const memberNode of nodes(node, "member")) {
      const attributeNode = nodes(memberNode, "attribute")[0];
      const blockNode = nodes(memberNode, "block")[0];
      const member = attributeNode ? this.attribute(attributeNode) : blockNode ? this.block(blockNode) : undefined;
      if (member) members.push(member);
    }
    members = exact(members);
    const close = tokens(node, "RCurly")[0];
    const closeSpan = close ? this.tokenSpan(close) : this.lines.span(this.cursor, this.cursor);
    return { members, span: this.over(openSpan, closeSpan) };
  }

  private attribute(node: CstNode): A.Attribute | undefined {
    const nameToken = tokens(node, "Name")[0];
    const valueNode = nodes(node, "expression")[0];
    if (!nameToken || nameToken.isInsertedInRecovery || !valueNode) return undefined;
    const name = this.identifier(nameToken);
    const value = this.expression(valueNode);
    if (!value) return undefined;
    const semicolon = tokens(node, "Semicolon")[0];
    const end = semicolon && !semicolon.isInsertedInRecovery ? this.tokenSpan(semicolon) : value.span;
    return { kind: "Attribute", name, value, span: this.over(name.span, end) };
  }

  expression(node: CstNode): A.Expr | undefined {
    // An expression (like a literal) has one child: its alternative. Named keys first; `for...in` over
    // chevrotain's children objects is slow enough to show in profiles.
    const c = node.children;
    const child = (c["literal"] ?? c["reference"] ?? c["call"] ?? c["list"] ?? c["range"])?.[0] ?? firstChild(node);
    if (!child || isToken(child)) return undefined;
    switch (child.name) {
      case "range":
        return this.range(child);
      case "list":
        return this.list(child);
      case "call":
        return this.call(child);
      case "reference":
        return this.reference(child);
      case "literal":
        return this.literal(child);
      default:
        return undefined;
    }
  }

  private range(node: CstNode): A.RangeExpr | undefined {
    const fromToken = tokens(node, "from")[0];
    const toToken = tokens(node, "to")[0];
    if (!fromToken || !toToken || toToken.isInsertedInRecovery) return undefined;
    const from = this.integer(fromToken);
    const to = this.integer(toToken);
    return { kind: "Range", from, to, span: this.over(from.span, to.span) };
  }

  private list(node: CstNode): A.ListExpr {
    const open = this.tokenSpan(tokens(node, "LBracket")[0]!);
    const items: A.Expr[] = [];
    for (const child of nodes(node, "expression")) {
      const item = this.expression(child);
      if (item) items.push(item);
    }
    const close = tokens(node, "RBracket")[0];
    const closeSpan = close ? this.tokenSpan(close) : this.lines.span(this.cursor, this.cursor);
    return { kind: "List", items: exact(items), span: this.over(open, closeSpan) };
  }

  private call(node: CstNode): A.CallExpr | undefined {
    const calleeToken = tokens(node, "Name")[0];
    if (!calleeToken) return undefined;
    const callee = this.identifier(calleeToken);
    const args: A.Expr[] = [];
    for (const child of nodes(node, "expression")) {
      const arg = this.expression(child);
      if (arg) args.push(arg);
    }
    const close = tokens(node, "RParen")[0];
    const closeSpan = close ? this.tokenSpan(close) : this.lines.span(this.cursor, this.cursor);
    return { kind: "Call", callee, args: exact(args), span: this.over(callee.span, closeSpan) };
  }

  private reference(node: CstNode): A.RefExpr | undefined {
    const segments: A.Identifier[] = [];
    for (const token of tokens(node, "Name")) if (!token.isInsertedInRecovery) segments.push(this.identifier(token));
    const first = segments[0];
    const last = segments[segments.length - 1];
    if (!first || !last) return undefined;
    return { kind: "Ref", segments: exact(segments), span: this.over(first.span, last.span) };
  }

  private literal(node: CstNode): A.Literal | undefined {
    const c = node.children;
    const token = (c["Quantity"] ?? c["Number"] ?? c["String"] ?? c["Mac"] ?? c["Pci"] ?? c["True"] ?? c["False"] ?? c["Auto"])?.[0] ?? firstChild(node);
    if (!isToken(token) || token.isInsertedInRecovery) return undefined;
    const span = this.tokenSpan(token);
    switch (token.tokenType.name) {
      case "Quantity": {
        const raw = token.image;
        const digits = numberPrefixLength(raw);
        return { kind: "Quantity", value: Number(raw.slice(0, digits)), unit: this.word(raw.slice(digits)), raw: this.word(raw), span };
      }
      case "Number":
        return { kind: "Number", value: Number(token.image), raw: this.word(token.image), span };
      case "String":
      case "UnterminatedString":
        return this.string(token);
      case "Mac":
        return { kind: "Mac", raw: token.image, span };
      case "Pci":
        return { kind: "Pci", raw: token.image, span };
      case "True":
        return { kind: "Boolean", value: true, span };
      case "False":
        return { kind: "Boolean", value: false, span };
      case "Auto":
        return { kind: "Auto", span };
      default:
        return undefined;
    }
  }

  private identifier(token: IToken): A.Identifier {
    return { kind: "Identifier", name: this.word(token.image), span: this.tokenSpan(token) };
  }

  private integer(token: IToken): A.NumberLiteral {
    const span = this.tokenSpan(token);
    if (token.isInsertedInRecovery) return { kind: "Number", value: 0, raw: "0", span };
    if (!/^\d+$/.test(token.image)) {
      this.diagnostics.push(
        diagnostic("syntax", "error", span, `expected an integer but found '${token.image}'`, {
          help: "ranges and replicated names count in whole numbers, such as `web[1..4]` or `pin = 2..5`",
        }),
      );
    }
    return { kind: "Number", value: Number(token.image), raw: this.word(token.image), span };
  }

  private string(token: IToken): A.StringLiteral {
    const span = this.tokenSpan(token);
    const raw = token.image;
    const closed = raw.length >= 2 && raw.endsWith('"') && token.tokenType.name === "String";
    const inner = raw.slice(1, closed ? -1 : undefined);
    return { kind: "String", value: this.unescape(inner, token.startOffset + 1), raw, span };
  }

  /**
   * The value of a string's inside: escapes decoded into a buffer of UTF-16 code units, turned into a string
   * once. Adding one character at a time built a rope of millions of pieces for a 10 MB literal (hundreds
   * of MB); the decoded value is never longer than the text.
   */
  private unescape(inner: string, offset: number): string {
    if (inner.indexOf("\\") === -1) return inner;
    const out = new Uint16Array(inner.length);
    let n = 0;
    let i = 0;
    // One bad escape per string is reported: a 10 MB string of `\a` is one mistake, not five million.
    let reported = false;
    const report = (at: number, message: string, help: string): void => {
      if (reported) return;
      reported = true;
      this.diagnostics.push(diagnostic("syntax", "error", this.lines.span(at, at + 2), message, { help }));
    };
    while (i < inner.length) {
      const c = inner.charCodeAt(i);
      if (c !== 92 /* backslash */) {
        out[n++] = c;
        i += 1;
        continue;
      }
      const next = inner[i + 1];
      if (next === undefined) break;
      const simple = ESCAPES[next];
      if (simple !== undefined) {
        out[n++] = simple.charCodeAt(0);
        i += 2;
        continue;
      }
      const at = offset + i;
      if (next === "u") {
        UNICODE_ESCAPE.lastIndex = i + 2;
        const match = UNICODE_ESCAPE.exec(inner);
        const code = match ? parseInt(match[1]!, 16) : NaN;
        if (match && code <= 0x10ffff) {
          if (code > 0xffff) {
            out[n++] = 0xd800 + ((code - 0x10000) >> 10);
            out[n++] = 0xdc00 + ((code - 0x10000) & 0x3ff);
          } else {
            out[n++] = code;
          }
          i += 2 + match[0].length;
          continue;
        }
        report(at, "invalid unicode escape", "write it as \\u{HEX} with 1 to 6 hex digits, at most 10FFFF");
        i += 2;
        continue;
      }
      report(at, `unknown escape '\\${next}' in a string`, 'the escapes are \\", \\\\, \\n, \\t and \\u{HEX}');
      out[n++] = next.charCodeAt(0);
      i += 2;
    }
    const chunks: string[] = [];
    for (let at = 0; at < n; at += 8192) chunks.push(String.fromCharCode(...out.subarray(at, Math.min(n, at + 8192))));
    return chunks.join("");
  }
}
