/**
 * The grammar of LANGUAGE.md as a chevrotain parser with embedded actions: it builds the AST of `ast.ts`
 * as it recognises the input, through `build-ast.ts`, with no concrete syntax tree in between. One
 * instance per process (chevrotain's self-analysis is costly); error recovery is on so one run reports
 * every independent syntax error. `grammar/sriov.ebnf` mirrors these rules; test/syntax/grammar.test.ts
 * keeps the two in step.
 *
 * Error recovery, and what a rule gives back when it is cut short. When a rule fails, chevrotain either
 * re-synchronises in that rule (skipping tokens up to one that may follow it, and the rule returns its
 * `recoveryValueFunc`) or passes the error up to the rule that called it. Each rule below catches the
 * error on its way out, builds the node it can from what it had recognised so far (with what its failed
 * child had built, carried on the error), and puts that on the error (`Partial`); the rule that
 * re-synchronises returns it. So a cut-short block still has the members read before the mistake, as a
 * tree built after parsing from the partial syntax tree would.
 */
import {
  EmbeddedActionsParser,
  EOF,
  isRecognitionException,
  type IOrAlt,
  type IParserErrorMessageProvider,
  type IRecognitionException,
  type IRuleConfig,
  type IToken,
  type TokenType,
} from "chevrotain";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type * as A from "./ast.js";
import { AstBuilder } from "./build-ast.js";
import { TabulatedLookahead } from "./lookahead.js";
import { classOf, NAME, simpleAttributeAhead, simpleBlockAhead } from "./simple-attribute.js";
import { NodeStack, SimpleReader } from "./simple-reader.js";
import { AttributeNode, CallNode, ImportNode, ListNode, TemplateNode } from "./nodes.js";
import { LineIndex, type Span } from "./span.js";
import * as t from "./tokens.js";

function describeToken(token: IToken): string {
  if (token.tokenType === EOF) return "the end of the file";
  const image = token.image.length > 24 ? `${token.image.slice(0, 24)}…` : token.image;
  return `'${image}'`;
}

function labelOf(type: TokenType): string {
  return type.LABEL ?? type.name;
}

function describeAlternatives(paths: TokenType[][][]): string {
  const firsts = new Set<string>();
  for (const alt of paths) for (const path of alt) if (path[0]) firsts.add(labelOf(path[0]));
  const list = [...firsts];
  if (list.length <= 1) return list[0] ?? "something else";
  return `${list.slice(0, -1).join(", ")} or ${list[list.length - 1]}`;
}

const RULE_DESCRIPTIONS: Record<string, string> = {
  file: "an import, a template or a block",
  member: "an attribute (`name = value`) or a nested block",
  expression: "a value",
  literal: "a value",
  blockKind: "a block kind",
  namedBlockKind: "a block kind (host, nic, pf, vswitch, vm, container, iface, traffic)",
};

/** Messages in the user's words: "expected '}' but found 'x'", never token-type names. */
export const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    // Chevrotain checks for EOF after the last top-level item: say what may stand there instead.
    if (expected === EOF) return `expected an import, a template or a block but found ${describeToken(actual)}`;
    return `expected ${labelOf(expected)} but found ${describeToken(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `expected an import, a template or a block but found ${describeToken(firstRedundant)}`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    const what = RULE_DESCRIPTIONS[ruleName] ?? describeAlternatives(expectedPathsPerAlt);
    return `expected ${what} but found ${describeToken(actual[0]!)}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual }) {
    return `expected at least one ${describeAlternatives([expectedIterationPaths])} but found ${describeToken(actual[0]!)}`;
  },
};

/** Thrown out of the parser once a file has had too many errors: recovery past that point only burns time. */
export class TooManySyntaxErrors extends Error {
  override readonly name = "TooManySyntaxErrors";
}

const chevrotainSaveError = (EmbeddedActionsParser.prototype as unknown as { SAVE_ERROR(error: IRecognitionException): IRecognitionException }).SAVE_ERROR;

/** Chevrotain's position in its input (the index of the last token consumed), part of its runtime API but missing from its typings. */
interface LexerState {
  exportLexerState(): number;
  importLexerState(index: number): void;
}

/**
 * Whether simple attributes and blocks are read without the rules (src/syntax/simple-attribute.ts,
 * simple-reader.ts); off only in the test that compares both ways.
 */
export const parsing = { simplePath: true };

/** The reader of simple members, shared by `parseTokens` and the parser (one file is parsed at a time). */
const reader = new SimpleReader();

/** What a rule cut short by an error had built (see the comment at the top), carried on the error. */
interface Partial {
  partialRule?: string;
  partialValue?: unknown;
}

/** The error, marked with the node `rule` built before it; any other exception (a bug, the error budget) is passed on as it is. */
function carry(error: unknown, rule: string, value: unknown): unknown {
  const partial = error as Partial;
  partial.partialRule = rule;
  partial.partialValue = value;
  return error;
}

/** What the child rule `rule` had built, if the error came up through it (else the error is the rule's own). */
function partialOf<T>(error: unknown, rule: string): T | undefined {
  const partial = error as Partial;
  return partial.partialRule === rule ? (partial.partialValue as T | undefined) : undefined;
}

/** Every rule returns, when it re-synchronises after an error, what it had built (and the error lets go of it). */
const RECOVER: IRuleConfig<never> = {
  recoveryValueFunc: (error) => {
    const partial = error as Partial;
    const value = partial.partialValue;
    partial.partialValue = undefined;
    return value as never;
  },
};

/**
 * A body's members and the offsets of its span, `[start, end)`. Offsets, not a span: the body's span is
 * only ever joined into its block's, so making it (and the spans of its `{` and `}`) was garbage, three
 * spans per body. Constructed, not a literal, like the nodes (nodes.ts).
 */
class Body {
  constructor(
    readonly members: A.Member[],
    readonly start: number,
    readonly end: number,
  ) {}
}

/** The state of one `block` invocation; blocks nest, so these are kept on a stack (and reused). */
interface BlockState {
  /** Which alternative: a named block (`vm web { … }`) or `simulation`/`cost`; undefined until chosen. */
  named: boolean | undefined;
  kind: IToken | undefined;
  kindSpan: Span | undefined;
  patternStarted: boolean;
  pattern: A.NamePattern | undefined;
  template: A.Identifier | undefined;
  bodyStarted: boolean;
  body: Body | undefined;
  /** The builder's cursor and diagnostic count when the block began, to roll back to if it is dropped. */
  cursor: number;
  diagnostics: number;
}

/** 1 at the `tokenTypeIdx` of each named block kind's keyword. */
const NAMED_BLOCK_KIND = (() => {
  const table = new Uint8Array(Math.max(...t.allTokens.map((type) => type.tokenTypeIdx!)) + 1);
  for (const type of t.NAMED_BLOCK_KEYWORDS) table[type.tokenTypeIdx!] = 1;
  return table;
})();

const FROM = { LABEL: "from" };
const TO = { LABEL: "to" };
const TEMPLATE_NAME = { LABEL: "templateName" };
const TRAILING_COMMA = { LABEL: "trailingComma" };

/** Builds nothing: what the rules' actions use while chevrotain records the grammar, and between runs. */
const IDLE = (): AstBuilder => new AstBuilder(new LineIndex("", ""));

class SriovParser extends EmbeddedActionsParser {
  /** Errors after which parsing stops; set per run by parseTokens. */
  errorBudget = Number.POSITIVE_INFINITY;
  /** The AST builder of the file being parsed; set per run by parseTokens. */
  builder: AstBuilder = IDLE();

  // State of the rule invocations under way. The alternatives and repetitions below are built once and
  // shared by every invocation (allocating them per call cost ~130 MB per 100k lines in a profile), so
  // they reach their invocation's state through these.
  private items: A.TopLevel[] = [];
  private readonly blocks: BlockState[] = [];
  private blockDepth = 0;
  /**
   * Members of the bodies being read, one stack for all: a body's are those from where the stack stood
   * when it began, and it leaves the stack as it found it. (A list per body, grown by `push` and then
   * copied to its exact size, was garbage of about 180 bytes per body.)
   */
  private readonly memberStack = new NodeStack<A.Member>();
  /** Items of the lists and arguments of the calls being read, likewise. */
  private readonly exprStack = new NodeStack<A.Expr>();
  /**
   * The name tokens of the reference being read (a reference holds no other rule, so one is enough): the
   * first `segmentCount`. A count, not `length = 0`: that gave the array a new backing store to grow at
   * every reference (~150 bytes each, 5 MiB per 100k lines).
   */
  private readonly segments: IToken[] = [];
  private segmentCount = 0;
  /** The `[from..to]` of the name pattern being read (likewise). */
  private rangeOpen: IToken | undefined = undefined;
  private rangeFrom: IToken | undefined = undefined;
  private rangeTo: IToken | undefined = undefined;
  private rangeClose: IToken | undefined = undefined;

  /**
   * `validateGrammar`: chevrotain's checks of the grammar itself (ambiguities, left recursion, …). The
   * grammar is fixed when sriovc is built, so the parser every run uses skips them (about a quarter of
   * building the parser, which every `sriovc` start did); test/syntax/parser.test.ts builds a validating
   * parser, so a grammar mistake still fails the tests.
   */
  constructor(validateGrammar = false) {
    super(t.allTokens, {
      recoveryEnabled: true,
      maxLookahead: 3,
      lookaheadStrategy: new TabulatedLookahead(3, t.allTokens),
      errorMessageProvider: messages,
      skipValidations: !validateGrammar,
    });
    this.performSelfAnalysis();
  }

  private readonly itemAlternatives: IOrAlt<A.TopLevel | undefined>[] = [
    { ALT: () => this.SUBRULE(this.importDecl) },
    { ALT: () => this.SUBRULE(this.templateDecl) },
    { ALT: () => this.SUBRULE(this.block) },
  ];

  /** The items read before the parser took over (`parseTokens`), which `file` goes on from. */
  startItems: A.TopLevel[] = [];

  private readonly itemRepetition = (): void => {
    // (Never while chevrotain records the grammar: the rules below are what it records.)
    if (!this.RECORDING_PHASE && parsing.simplePath) {
      const state = this as unknown as LexerState;
      const at = state.exportLexerState() + 1;
      if (simpleBlockAhead(this.input, at)) {
        reader.start(this.input, at, this.builder);
        this.items.push(reader.readBlock());
        state.importLexerState(reader.at - 1);
        return;
      }
    }
    const item = this.OR(this.itemAlternatives);
    if (item !== undefined && !this.RECORDING_PHASE) this.items.push(item);
  };

  file = this.RULE(
    "file",
    (): A.TopLevel[] => {
      const items = this.startItems;
      this.startItems = [];
      this.items = items;
      try {
        this.MANY(this.itemRepetition);
      } catch (error) {
        if (!isRecognitionException(error as Error)) throw error;
        const item = partialOf<A.TopLevel>(error, "importDecl") ?? partialOf<A.TopLevel>(error, "templateDecl") ?? partialOf<A.TopLevel>(error, "block");
        if (item !== undefined) items.push(item);
        throw carry(error, "file", items);
      }
      return items;
    },
    RECOVER,
  );

  importDecl = this.RULE(
    "importDecl",
    (): A.Import | undefined => {
      let keyword: IToken | undefined;
      let path: IToken | undefined;
      try {
        keyword = this.CONSUME(t.Import);
        path = this.CONSUME(t.StringLiteral);
        this.OPTION(this.semicolon);
      } catch (error) {
        if (!isRecognitionException(error as Error)) throw error;
        throw carry(error, "importDecl", this.finishImport(keyword, path));
      }
      return this.finishImport(keyword, path);
    },
    RECOVER,
  );

  private finishImport(keyword: IToken | undefined, path: IToken | undefined): A.Import | undefined {
    if (this.RECORDING_PHASE || !keyword || !path || path.isInsertedInRecovery) return undefined;
    const b = this.builder;
    const literal = b.string(path);
    return new ImportNode(literal, b.over(b.tokenSpan(keyword), literal.span));
  }

  templateDecl = this.RULE(
    "templateDecl",
    (): A.Template | undefined => {
      const b = this.builder;
      const cursor = b.markCursor();
      const diagnostics = b.markDiagnostics();
      let keywordSpan: Span | undefined;
      let kind: IToken | undefined;
      let kindSpan: Span | undefined;
      let name: A.Identifier | undefined;
      let bodyStarted = false;
      let body: Body | undefined;
      try {
        keywordSpan = b.tokenSpan(this.CONSUME(t.Template));
        kind = this.SUBRULE(this.namedBlockKind);
        if (kind !== undefined) kindSpan = b.tokenSpan(kind);
        name = b.identifier(this.CONSUME(t.Name));
        bodyStarted = true;
        body = this.SUBRULE(this.body);
      } catch (error) {
        if (!isRecognitionException(error as Error)) throw error;
        const child = (error as Partial).partialRule;
        if (child === "body") body = partialOf<Body>(error, "body");
        else if (child === "namedBlockKind") kind = partialOf<IToken>(error, "namedBlockKind");
        throw carry(error, "templateDecl", this.finishTemplate(cursor, diagnostics, keywordSpan, kind, kindSpan, name, bodyStarted, body));
      }
      return this.finishTemplate(cursor, diagnostics, keywordSpan, kind, kindSpan, name, bodyStarted, body);
    },
    RECOVER,
  );

  private finishTemplate(
    cursor: number,
    diagnostics: number,
    keywordSpan: Span | undefined,
    kind: IToken | undefined,
    kindSpan: Span | undefined,
    name: A.Identifier | undefined,
    bodyStarted: boolean,
    body: Body | undefined,
  ): A.Template | undefined {
    if (this.RECORDING_PHASE) return undefined;
    const b = this.builder;
    if (!keywordSpan || !kind || !kindSpan || !name || !bodyStarted || !body) {
      b.restore(cursor, diagnostics);
      return undefined;
    }
    return new TemplateNode(kind.image as A.NamedBlockKind, b.over(keywordSpan, kindSpan), name, body.members, b.overRange(keywordSpan, body.start, body.end));
  }

  /**
   * Whether an optional part that starts with a token of `type`, and is decided by that token alone, is
   * there: its `OPTION` or `MANY` is entered only then (and always while chevrotain records the grammar).
   * Entered without it, it would read nothing and decide so by the same test (chevrotain's lookahead for
   * a single token type without categories), and the repetition recovery chevrotain tries when a `MANY`
   * ends has nothing to resynchronise to at the end of a rule (`reference`'s). Used where such parts
   * are skipped most of the time (a `;` after an attribute, a template or a range after a name, a `.`
   * in a reference): ~100,000 calls per 100k lines, each with its lookahead and, for a `MANY`, its
   * recovery bookkeeping.
   */
  private nextIs(type: TokenType): boolean {
    return this.RECORDING_PHASE || this.LA(1).tokenType === type;
  }

  private blockState(): BlockState {
    return this.blocks[this.blockDepth - 1]!;
  }

  private readonly templateName = (): void => {
    this.CONSUME(t.Colon);
    const token = this.CONSUME(t.Name, TEMPLATE_NAME);
    if (!token.isInsertedInRecovery) this.blockState().template = this.builder.identifier(token);
  };

  private readonly blockAlternatives: IOrAlt<void>[] = [
    {
      ALT: () => {
        const state = this.blockState();
        state.named = true;
        if (!this.RECORDING_PHASE && parsing.simplePath && this.plainHeaderAhead()) {
          // `vm web {`: what `namedBlockKind` and `namePattern` would read, with no error possible.
          const kind = this.take();
          state.kind = kind;
          state.kindSpan = this.builder.tokenSpan(kind);
          state.patternStarted = true;
          this.rangeOpen = this.rangeFrom = this.rangeTo = this.rangeClose = undefined;
          state.pattern = this.finishNamePattern(this.take());
        } else {
          const kind = this.SUBRULE(this.namedBlockKind);
          state.kind = kind;
          if (kind !== undefined) state.kindSpan = this.builder.tokenSpan(kind);
          state.patternStarted = true;
          state.pattern = this.SUBRULE(this.namePattern);
        }
        if (this.nextIs(t.Colon)) this.OPTION(this.templateName);
        state.bodyStarted = true;
        state.body = this.SUBRULE(this.body);
      },
    },
    {
      ALT: () => {
        const state = this.blockState();
        state.named = false;
        const keyword = this.OR2(this.unnamedBlockKindAlternatives);
        state.kind = keyword;
        state.kindSpan = this.builder.tokenSpan(keyword);
        state.bodyStarted = true;
        state.body = this.SUBRULE2(this.body);
      },
    },
  ];

  /**
   * Whether a named block's kind keyword, a plain name (no `[from..to]`) and `{` are next: the header the
   * rules `namedBlockKind` and `namePattern` would read with no error, so it is read without them.
   */
  private plainHeaderAhead(): boolean {
    return NAMED_BLOCK_KIND[this.LA(1).tokenTypeIdx] === 1 && classOf(this.LA(2)) === NAME && this.LA(3).tokenType === t.LCurly;
  }

  private readonly unnamedBlockKindAlternatives: IOrAlt<IToken>[] = [{ ALT: () => this.CONSUME(t.Simulation) }, { ALT: () => this.CONSUME(t.Cost) }];

  block = this.RULE(
    "block",
    (): A.Block | undefined => {
      const state = this.enterBlock();
      try {
        this.OR(this.blockAlternatives);
        return this.finishBlock(state);
      } catch (error) {
        if (!isRecognitionException(error as Error)) throw error;
        const child = (error as Partial).partialRule;
        if (child === "body") state.body = partialOf<Body>(error, "body");
        else if (child === "namePattern") state.pattern = partialOf<A.NamePattern>(error, "namePattern");
        else if (child === "namedBlockKind") state.kind = partialOf<IToken>(error, "namedBlockKind");
        throw carry(error, "block", this.finishBlock(state));
      } finally {
        this.blockDepth--;
      }
    },
    RECOVER,
  );

  private enterBlock(): BlockState {
    const b = this.builder;
    let state = this.blocks[this.blockDepth];
    if (state === undefined) {
      state = {
        named: undefined,
        kind: undefined,
        kindSpan: undefined,
        patternStarted: false,
        pattern: undefined,
        template: undefined,
        bodyStarted: false,
        body: undefined,
        cursor: 0,
        diagnostics: 0,
      };
      this.blocks.push(state);
    }
    state.named = undefined;
    state.kind = undefined;
    state.kindSpan = undefined;
    state.patternStarted = false;
    state.pattern = undefined;
    state.template = undefined;
    state.bodyStarted = false;
    state.body = undefined;
    state.cursor = b.markCursor();
    state.diagnostics = b.markDiagnostics();
    this.blockDepth++;
    return state;
  }

  private finishBlock(state: BlockState): A.Block | undefined {
    if (this.RECORDING_PHASE) return undefined;
    const b = this.builder;
    const { kind, kindSpan, body } = state;
    if (!state.bodyStarted || !body || !kind || !kindSpan || (state.named && !state.patternStarted)) {
      b.restore(state.cursor, state.diagnostics);
      return undefined;
    }
    if (!state.named) return b.block(kind, kindSpan, undefined, undefined, body.members, b.overRange(kindSpan, body.start, body.end));
    const name = state.pattern;
    if (!name) {
      // The kind keyword was read, then the name was missing: only the keyword counts as used.
      b.restore(state.cursor, state.diagnostics);
      b.tokenSpan(kind);
      return undefined;
    }
    return b.block(kind, kindSpan, name, state.template, body.members, b.overRange(kindSpan, body.start, body.end));
  }

  private readonly namedBlockKindAlternatives: IOrAlt<IToken>[] = t.NAMED_BLOCK_KEYWORDS.map((kind) => ({ ALT: () => this.CONSUME(kind) }));

  namedBlockKind = this.RULE(
    "namedBlockKind",
    (): IToken | undefined => {
      try {
        return this.OR(this.namedBlockKindAlternatives);
      } catch (error) {
        if (!isRecognitionException(error as Error)) throw error;
        throw carry(error, "namedBlockKind", undefined);
      }
    },
    RECOVER,
  );

  private readonly nameRange = (): void => {
    this.rangeOpen = this.CONSUME(t.LBracket);
    this.rangeFrom = this.CONSUME(t.NumberLiteral, FROM);
    this.CONSUME(t.DotDot);
    this.rangeTo = this.CONSUME2(t.NumberLiteral, TO);
    this.rangeClose = this.CONSUME(t.RBracket);
  };

  namePattern = this.RULE(
    "namePattern",
    (): A.NamePattern | undefined => {
      this.rangeOpen = this.rangeFrom = this.rangeTo = this.rangeClose = undefined;
      let name: IToken | undefined;
      try {
        name = this.CONSUME(t.Name);
        if (this.nextIs(t.LBracket)) this.OPTION(this.nameRange);
      } catch (error) {
        if (!isRecognitionException(error as Error)) throw error;
        throw carry(error, "namePattern", this.finishNamePattern(name));
      }
      return this.finishNamePattern(name);
    },
    RECOVER,
  );

  private finishNamePattern(nameToken: IToken | undefined): A.NamePattern | undefined {
    const { rangeOpen: open, rangeFrom: fromToken, rangeTo: toToken, rangeClose: close } = this;
    this.rangeOpen = this.rangeFrom = this.rangeTo = this.rangeClose = undefined;
    if (this.RECORDING_PHASE || !nameToken || nameToken.isInsertedInRecovery) return undefined;
    return this.builder.namePattern(nameToken, open, fromToken, toToken, close);
  }

  private readonly memberRepetition = (): void => {
    // (Never while chevrotain records the grammar: the rules below are what it records.)
    if (!this.RECORDING_PHASE && this.simpleMembers()) return;
    const member = this.SUBRULE(this.member);
    if (member !== undefined && !this.RECORDING_PHASE) this.memberStack.push(member);
  };

  body = this.RULE(
    "body",
    (): Body => {
      const start = this.memberStack.length;
      // The `{`'s offsets; -1 while it has not been read.
      let openStart = -1;
      let openEnd = -1;
      try {
        const b = this.builder;
        const open = this.CONSUME(t.LCurly);
        openStart = b.useToken(open);
        openEnd = b.tokenEnd(open, openStart);
        this.MANY(this.memberRepetition);
        const close = this.CONSUME(t.RCurly);
        return this.finishBody(openStart, openEnd, start, close);
      } catch (error) {
        if (!isRecognitionException(error as Error)) throw error;
        const member = partialOf<A.Member>(error, "member");
        if (member !== undefined) this.memberStack.push(member);
        throw carry(error, "body", this.finishBody(openStart, openEnd, start, undefined));
      } finally {
        this.memberStack.truncate(start);
      }
    },
    RECOVER,
  );

  /** The body whose members are on the stack from `start`; its span covers the `{` and the `}`. */
  private finishBody(openStart: number, openEnd: number, start: number, close: IToken | undefined): Body {
    const b = this.builder;
    // (A `{` that could not be read at all is placed where the cursor was: where the body would have begun.)
    if (openStart === -1) openStart = openEnd = b.cursor;
    let closeStart = b.cursor;
    let closeEnd = closeStart;
    if (close) {
      closeStart = b.useToken(close);
      closeEnd = b.tokenEnd(close, closeStart);
    }
    return new Body(this.memberStack.from(start), Math.min(openStart, closeStart), Math.max(openEnd, closeEnd));
  }

  private readonly memberAlternatives: IOrAlt<A.Member | undefined>[] = [
    { ALT: () => this.SUBRULE(this.attribute) },
    { ALT: () => this.SUBRULE(this.block) },
  ];

  member = this.RULE(
    "member",
    (): A.Member | undefined => {
      try {
        return this.OR(this.memberAlternatives);
      } catch (error) {
        if (!isRecognitionException(error as Error)) throw error;
        throw carry(error, "member", partialOf<A.Member>(error, "attribute") ?? partialOf<A.Member>(error, "block"));
      }
    },
    RECOVER,
  );

  private readonly semicolon = (): IToken => this.CONSUME(t.Semicolon);

  /**
   * Reads the simple attributes and simple blocks ahead, if any, onto the member stack, as `member` would
   * have read them (src/syntax/simple-attribute.ts, simple-reader.ts): whether it read any.
   */
  private simpleMembers(): boolean {
    if (!parsing.simplePath) return false;
    const tokens = this.input;
    const state = this as unknown as LexerState;
    let at = state.exportLexerState() + 1;
    let read = false;
    for (;;) {
      const attribute = simpleAttributeAhead(tokens, at);
      if (!attribute && !simpleBlockAhead(tokens, at)) break;
      if (!read) reader.start(tokens, at, this.builder);
      read = true;
      this.memberStack.push(attribute ? reader.readAttribute() : reader.readBlock());
      at = reader.at;
    }
    if (read) state.importLexerState(at - 1);
    return read;
  }

  /** The next token, consumed (only where the tokens ahead are known to be the ones expected). */
  private take(): IToken {
    const token = this.LA(1);
    this.SKIP_TOKEN();
    return token;
  }

  attribute = this.RULE(
    "attribute",
    (): A.Attribute | undefined => {
      const b = this.builder;
      const cursor = b.markCursor();
      const diagnostics = b.markDiagnostics();
      let nameToken: IToken | undefined;
      let name: A.Identifier | undefined;
      let valueStarted = false;
      let value: A.Expr | undefined;
      let semicolon: IToken | undefined;
      try {
        nameToken = this.CONSUME(t.Name);
        if (!nameToken.isInsertedInRecovery) name = b.identifier(nameToken);
        this.CONSUME(t.Equals);
        valueStarted = true;
        value = this.SUBRULE(this.expression);
        if (this.nextIs(t.Semicolon)) semicolon = this.OPTION(this.semicolon);
      } catch (error) {
        if (!isRecognitionException(error as Error)) throw error;
        if ((error as Partial).partialRule === "expression") value = partialOf<A.Expr>(error, "expression");
        throw carry(error, "attribute", this.finishAttribute(cursor, diagnostics, nameToken, name, valueStarted, value, semicolon));
      }
      return this.finishAttribute(cursor, diagnostics, nameToken, name, valueStarted, value, semicolon);
    },
    RECOVER,
  );

  private finishAttribute(
    cursor: number,
    diagnostics: number,
    nameToken: IToken | undefined,
    name: A.Identifier | undefined,
    valueStarted: boolean,
    value: A.Expr | undefined,
    semicolon: IToken | undefined,
  ): A.Attribute | undefined {
    if (this.RECORDING_PHASE) return undefined;
    const b = this.builder;
    if (!nameToken || !name || !valueStarted) {
      b.restore(cursor, diagnostics);
      return undefined;
    }
    if (!value) {
      // The name was read, then the value was missing: only the name counts as used.
      b.restore(cursor, diagnostics);
      b.tokenSpan(nameToken);
      return undefined;
    }
    const end = semicolon && !semicolon.isInsertedInRecovery ? b.tokenSpan(semicolon) : value.span;
    return new AttributeNode(name, value, b.over(name.span, end));
  }

  private readonly expressionAlternatives: IOrAlt<A.Expr | undefined>[] = [
    { ALT: () => this.SUBRULE(this.range) },
    { ALT: () => this.SUBRULE(this.list) },
    { ALT: () => this.SUBRULE(this.call) },
    { ALT: () => this.SUBRULE(this.reference) },
    { ALT: () => this.SUBRULE(this.literal) },
  ];

  expression = this.RULE(
    "expression",
    (): A.Expr | undefined => {
      try {
        return this.OR(this.expressionAlternatives);
      } catch (error) {
        if (!isRecognitionException(error as Error)) throw error;
        const partial = error as Partial;
        const child = partial.partialRule;
        const value = child === "range" || child === "list" || child === "call" || child === "reference" || child === "literal" ? (partial.partialValue as A.Expr | undefined) : undefined;
        throw carry(error, "expression", value);
      }
    },
    RECOVER,
  );

  range = this.RULE(
    "range",
    (): A.RangeExpr | undefined => {
      let from: IToken | undefined;
      let to: IToken | undefined;
      try {
        from = this.CONSUME(t.NumberLiteral, FROM);
        this.CONSUME(t.DotDot);
        to = this.CONSUME2(t.NumberLiteral, TO);
      } catch (error) {
        if (!isRecognitionException(error as Error)) throw error;
        throw carry(error, "range", this.finishRange(from, to));
      }
      return this.finishRange(from, to);
    },
    RECOVER,
  );

  private finishRange(fromToken: IToken | undefined, toToken: IToken | undefined): A.RangeExpr | undefined {
    if (this.RECORDING_PHASE || !fromToken || !toToken || toToken.isInsertedInRecovery) return undefined;
    return this.builder.range(fromToken, toToken);
  }

  private item(expression: A.Expr | undefined): void {
    if (expression !== undefined && !this.RECORDING_PHASE) this.exprStack.push(expression);
  }

  private readonly listRepetition = {
    GATE: () => this.LA(2).tokenType !== t.RBracket,
    DEF: () => {
      this.CONSUME(t.Comma);
      this.item(this.SUBRULE2(this.expression));
    },
  };

  private readonly trailingComma = (): IToken => this.CONSUME2(t.Comma, TRAILING_COMMA);

  private readonly listContents = (): void => {
    this.item(this.SUBRULE(this.expression));
    this.MANY(this.listRepetition);
    this.OPTION2(this.trailingComma);
  };

  list = this.RULE(
    "list",
    (): A.ListExpr => {
      const start = this.exprStack.length;
      let open: Span | undefined;
      try {
        open = this.builder.tokenSpan(this.CONSUME(t.LBracket));
        this.OPTION(this.listContents);
        const close = this.CONSUME(t.RBracket);
        return this.finishList(open, start, close);
      } catch (error) {
        if (!isRecognitionException(error as Error)) throw error;
        const item = partialOf<A.Expr>(error, "expression");
        if (item !== undefined) this.exprStack.push(item);
        throw carry(error, "list", this.finishList(open, start, undefined));
      } finally {
        this.exprStack.truncate(start);
      }
    },
    RECOVER,
  );

  /** The list whose items are on the stack from `start`. */
  private finishList(open: Span | undefined, start: number, close: IToken | undefined): A.ListExpr {
    const b = this.builder;
    const openSpan = open ?? b.cursorSpan();
    const closeSpan = close ? b.tokenSpan(close) : b.cursorSpan();
    return new ListNode(this.exprStack.from(start), b.over(openSpan, closeSpan));
  }

  private readonly argumentRepetition = (): void => {
    this.CONSUME(t.Comma);
    this.item(this.SUBRULE2(this.expression));
  };

  private readonly callArguments = (): void => {
    this.item(this.SUBRULE(this.expression));
    this.MANY(this.argumentRepetition);
  };

  call = this.RULE(
    "call",
    (): A.CallExpr | undefined => {
      const start = this.exprStack.length;
      let callee: A.Identifier | undefined;
      try {
        callee = this.builder.identifier(this.CONSUME(t.Name));
        this.CONSUME(t.LParen);
        this.OPTION(this.callArguments);
        const close = this.CONSUME(t.RParen);
        return this.finishCall(callee, start, close);
      } catch (error) {
        if (!isRecognitionException(error as Error)) throw error;
        const arg = partialOf<A.Expr>(error, "expression");
        if (arg !== undefined) this.exprStack.push(arg);
        throw carry(error, "call", this.finishCall(callee, start, undefined));
      } finally {
        this.exprStack.truncate(start);
      }
    },
    RECOVER,
  );

  /** The call whose arguments are on the stack from `start`. */
  private finishCall(callee: A.Identifier | undefined, start: number, close: IToken | undefined): A.CallExpr | undefined {
    if (this.RECORDING_PHASE || !callee) return undefined;
    const b = this.builder;
    const closeSpan = close ? b.tokenSpan(close) : b.cursorSpan();
    return new CallNode(callee, this.exprStack.from(start), b.over(callee.span, closeSpan));
  }

  private readonly segment = (): void => {
    this.CONSUME(t.Dot);
    // The token first, then the count: `segments[count++] = CONSUME()` counts a segment that was never
    // read when the CONSUME throws (a `.` at the end of the file), and the reference then reads a token
    // left from an earlier one.
    const name = this.CONSUME2(t.Name);
    this.segments[this.segmentCount++] = name;
  };

  reference = this.RULE(
    "reference",
    (): A.RefExpr | undefined => {
      this.segmentCount = 0;
      try {
        const first = this.CONSUME(t.Name);
        this.segments[this.segmentCount++] = first;
        if (this.nextIs(t.Dot)) this.MANY(this.segment);
      } catch (error) {
        if (!isRecognitionException(error as Error)) throw error;
        throw carry(error, "reference", this.finishReference());
      }
      return this.finishReference();
    },
    RECOVER,
  );

  private finishReference(): A.RefExpr | undefined {
    const count = this.segmentCount;
    this.segmentCount = 0;
    if (this.RECORDING_PHASE) return undefined;
    return this.builder.reference(this.segments, count);
  }

  private readonly literalAlternatives: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(t.Quantity) },
    { ALT: () => this.CONSUME(t.NumberLiteral) },
    { ALT: () => this.CONSUME(t.StringLiteral) },
    { ALT: () => this.CONSUME(t.Mac) },
    { ALT: () => this.CONSUME(t.Pci) },
    { ALT: () => this.CONSUME(t.True) },
    { ALT: () => this.CONSUME(t.False) },
    { ALT: () => this.CONSUME(t.Auto) },
  ];

  literal = this.RULE(
    "literal",
    (): A.Literal | undefined => {
      let token: IToken;
      try {
        token = this.OR(this.literalAlternatives);
      } catch (error) {
        if (!isRecognitionException(error as Error)) throw error;
        throw carry(error, "literal", undefined);
      }
      return this.RECORDING_PHASE ? undefined : this.builder.literal(token);
    },
    RECOVER,
  );

  /** Lets go of the last file's builder and of the nodes its rules' state still points to. */
  release(): void {
    this.builder = IDLE();
    this.items = [];
    this.blocks.length = 0;
    this.blockDepth = 0;
    this.memberStack.clear();
    this.exprStack.clear();
    this.segments.length = 0;
    this.segmentCount = 0;
    this.rangeOpen = this.rangeFrom = this.rangeTo = this.rangeClose = undefined;
  }

  // Chevrotain records every recognition error through this method; past the budget we stop the run.
  // (It is part of chevrotain's runtime API but missing from its typings.)
  SAVE_ERROR(error: IRecognitionException): IRecognitionException {
    if (this.errors.length >= this.errorBudget) throw new TooManySyntaxErrors();
    return chevrotainSaveError.call(this, error);
  }
}

/**
 * Built when the module loads, although a file that `parseTokens` reads through without it (simple-reader.ts)
 * never needs it. Built on first need instead, it saved a few milliseconds of a start, but a fresh 1M-line
 * check (which never needs it) spent ~20 % more time in garbage collection, in 5 interleaved runs of
 * bench/check-child.mjs under `--trace-gc` (GC share 15.3 % against 13.2 %; the scavenges promoted
 * ~115 MB instead of ~77 MB in most runs, `--trace-gc-nvp`): V8 sized and collected the heap differently
 * without the parser's few megabytes of grammar data in the old generation from the start.
 */
export const parser = new SriovParser();

/** Builds a parser with chevrotain's grammar validations on: throws on a grammar definition error. */
export function buildValidatingParser(): void {
  new SriovParser(true);
}

export interface ParseOutcome {
  /** The top-level items; undefined when parsing stopped at the error budget. */
  readonly items: A.TopLevel[] | undefined;
  readonly errors: IRecognitionException[];
  /** Errors found while building nodes (a range bound that is not an integer, a bad escape in a string). */
  readonly diagnostics: Diagnostic[];
}

/** Parses a token stream into the file's top-level items; stops (without items) once `errorBudget` errors have been recorded. */
export function parseTokens(tokens: IToken[], lines: LineIndex, errorBudget: number = Number.POSITIVE_INFINITY): ParseOutcome {
  const builder = new AstBuilder(lines);
  // The top-level blocks that the rules could only read one way, with no error, are read without them
  // (simple-reader.ts); the parser takes over at the first item that is anything else, if any.
  const items: A.TopLevel[] = [];
  let at = 0;
  if (parsing.simplePath) {
    reader.start(tokens, 0, builder);
    try {
      reader.readBlocks(items);
      at = reader.at;
    } finally {
      reader.release();
    }
    if (at === tokens.length) return { items, errors: [], diagnostics: builder.diagnostics };
  }
  parser.input = tokens;
  (parser as unknown as LexerState).importLexerState(at - 1);
  parser.startItems = items;
  parser.errorBudget = errorBudget;
  parser.builder = builder;
  // Recognition errors are Error objects; their stack traces are never shown and cost most of the
  // time on inputs with thousands of mistakes.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return { items: parser.file() ?? items, errors: parser.errors, diagnostics: builder.diagnostics };
  } catch (error) {
    if (error instanceof TooManySyntaxErrors) return { items: undefined, errors: parser.errors, diagnostics: builder.diagnostics };
    throw error;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
    // The parser would otherwise hold this file's tokens and nodes until the next parse.
    parser.input = [];
    parser.startItems = [];
    parser.release();
    reader.release();
  }
}
