/**
 * The grammar of LANGUAGE.md as a chevrotain CST parser. One instance per process (chevrotain's
 * self-analysis is costly); error recovery is on so one run reports every independent syntax error.
 * `grammar/sriov.ebnf` mirrors these rules; test/syntax/grammar.test.ts keeps the two in step.
 */
import { CstParser, EOF, type CstNode, type IOrAlt, type IParserErrorMessageProvider, type IRecognitionException, type IToken, type TokenType } from "chevrotain";
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

const chevrotainSaveError = (CstParser.prototype as unknown as { SAVE_ERROR(error: IRecognitionException): IRecognitionException }).SAVE_ERROR;

class SriovParser extends CstParser {
  /** Errors after which parsing stops; set per run by parseTokens. */
  errorBudget = Number.POSITIVE_INFINITY;
  /** Receives each top-level item's CST as soon as it is parsed; set per run by parseTokens. */
  onItem: ((item: CstNode) => void) | undefined = undefined;

  constructor() {
    super(t.allTokens, { recoveryEnabled: true, maxLookahead: 3, errorMessageProvider: messages, nodeLocationTracking: "none" });
    this.performSelfAnalysis();
  }

  // The alternatives of each OR are built once, as chevrotain's performance guide advises: written inline,
  // every call allocated the array, an object and a closure or two per alternative (in an allocation
  // profile of check on 100k lines, ~130 of the parser's ~300 MB).
  private readonly itemAlternatives: IOrAlt<CstNode>[] = [
    { ALT: () => this.SUBRULE(this.importDecl) },
    { ALT: () => this.SUBRULE(this.templateDecl) },
    { ALT: () => this.SUBRULE(this.block) },
  ];

  file = this.RULE("file", () => {
    this.MANY(() => {
      const item = this.OR(this.itemAlternatives);
      // Not run while chevrotain records the grammar (ACTION is skipped then).
      this.ACTION(() => this.onItem?.(item));
    });
  });

  importDecl = this.RULE("importDecl", () => {
    this.CONSUME(t.Import);
    this.CONSUME(t.StringLiteral);
    this.OPTION(() => this.CONSUME(t.Semicolon));
  });

  templateDecl = this.RULE("templateDecl", () => {
    this.CONSUME(t.Template);
    this.SUBRULE(this.namedBlockKind);
    this.CONSUME(t.Name);
    this.SUBRULE(this.body);
  });

  private readonly blockAlternatives: IOrAlt<void>[] = [
    {
      ALT: () => {
        this.SUBRULE(this.namedBlockKind);
        this.SUBRULE(this.namePattern);
        this.OPTION(() => {
          this.CONSUME(t.Colon);
          this.CONSUME(t.Name, { LABEL: "templateName" });
        });
        this.SUBRULE(this.body);
      },
    },
    {
      ALT: () => {
        this.OR2(this.unnamedBlockKindAlternatives);
        this.SUBRULE2(this.body);
      },
    },
  ];

  private readonly unnamedBlockKindAlternatives: IOrAlt<IToken>[] = [{ ALT: () => this.CONSUME(t.Simulation) }, { ALT: () => this.CONSUME(t.Cost) }];

  block = this.RULE("block", () => {
    this.OR(this.blockAlternatives);
  });

  private readonly namedBlockKindAlternatives: IOrAlt<IToken>[] = t.NAMED_BLOCK_KEYWORDS.map((kind) => ({ ALT: () => this.CONSUME(kind) }));

  namedBlockKind = this.RULE("namedBlockKind", () => {
    this.OR(this.namedBlockKindAlternatives);
  });

  namePattern = this.RULE("namePattern", () => {
    this.CONSUME(t.Name);
    this.OPTION(() => {
      this.CONSUME(t.LBracket);
      this.CONSUME(t.NumberLiteral, { LABEL: "from" });
      this.CONSUME(t.DotDot);
      this.CONSUME2(t.NumberLiteral, { LABEL: "to" });
      this.CONSUME(t.RBracket);
    });
  });

  body = this.RULE("body", () => {
    this.CONSUME(t.LCurly);
    this.MANY(() => this.SUBRULE(this.member));
    this.CONSUME(t.RCurly);
  });

  private readonly memberAlternatives: IOrAlt<CstNode>[] = [
    { GATE: () => this.LA(2).tokenType === t.Equals, ALT: () => this.SUBRULE(this.attribute) },
    { ALT: () => this.SUBRULE(this.block) },
  ];

  member = this.RULE("member", () => {
    this.OR(this.memberAlternatives);
  });

  attribute = this.RULE("attribute", () => {
    this.CONSUME(t.Name);
    this.CONSUME(t.Equals);
    this.SUBRULE(this.expression);
    this.OPTION(() => this.CONSUME(t.Semicolon));
  });

  private readonly expressionAlternatives: IOrAlt<CstNode>[] = [
    { GATE: () => this.LA(2).tokenType === t.DotDot, ALT: () => this.SUBRULE(this.range) },
    { ALT: () => this.SUBRULE(this.list) },
    { GATE: () => this.LA(2).tokenType === t.LParen, ALT: () => this.SUBRULE(this.call) },
    { ALT: () => this.SUBRULE(this.reference) },
    { ALT: () => this.SUBRULE(this.literal) },
  ];

  expression = this.RULE("expression", () => {
    this.OR(this.expressionAlternatives);
  });

  range = this.RULE("range", () => {
    this.CONSUME(t.NumberLiteral, { LABEL: "from" });
    this.CONSUME(t.DotDot);
    this.CONSUME2(t.NumberLiteral, { LABEL: "to" });
  });

  list = this.RULE("list", () => {
    this.CONSUME(t.LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.expression);
      this.MANY({
        GATE: () => this.LA(2).tokenType !== t.RBracket,
        DEF: () => {
          this.CONSUME(t.Comma);
          this.SUBRULE2(this.expression);
        },
      });
      this.OPTION2(() => this.CONSUME2(t.Comma, { LABEL: "trailingComma" }));
    });
    this.CONSUME(t.RBracket);
  });

  call = this.RULE("call", () => {
    this.CONSUME(t.Name);
    this.CONSUME(t.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.expression);
      this.MANY(() => {
        this.CONSUME(t.Comma);
        this.SUBRULE2(this.expression);
      });
    });
    this.CONSUME(t.RParen);
  });

  reference = this.RULE("reference", () => {
    this.CONSUME(t.Name);
    this.MANY(() => {
      this.CONSUME(t.Dot);
      this.CONSUME2(t.Name);
    });
  });

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

  literal = this.RULE("literal", () => {
    this.OR(this.literalAlternatives);
  });

  // Chevrotain records every recognition error through this method; past the budget we stop the run.
  // (It is part of chevrotain's runtime API but missing from its typings.)
  SAVE_ERROR(error: IRecognitionException): IRecognitionException {
    if (this.errors.length >= this.errorBudget) throw new TooManySyntaxErrors();
    return chevrotainSaveError.call(this, error);
  }
}

export const parser = new SriovParser();

export type ParseOutcome = { cst: CstNode; errors: IRecognitionException[]; stopped: false } | { cst: undefined; errors: IRecognitionException[]; stopped: true };

/**
 * Parses a token stream; stops (without a CST) once `errorBudget` errors have been recorded. `onItem`, when
 * given, sees each complete top-level item (an import, a template or a block) the moment it is parsed, in
 * source order, before the next one is read: the CST → AST step can then take it while it is young.
 */
export function parseTokens(tokens: IToken[], errorBudget: number = Number.POSITIVE_INFINITY, onItem?: (item: CstNode) => void): ParseOutcome {
  parser.input = tokens;
  parser.errorBudget = errorBudget;
  parser.onItem = onItem;
  // Recognition errors are Error objects; their stack traces are never shown and cost most of the
  // time on inputs with thousands of mistakes.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const cst = parser.file();
    return { cst, errors: parser.errors, stopped: false };
  } catch (error) {
    if (error instanceof TooManySyntaxErrors) return { cst: undefined, errors: parser.errors, stopped: true };
    throw error;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
    parser.onItem = undefined;
    // The parser would otherwise hold this file's tokens until the next parse.
    parser.input = [];
  }
}
