/**
 * The prettier 3 plugin for `.sriov` files, exported as `sriovc/prettier`: `.prettierrc` with
 * `"plugins": ["sriovc/prettier"]` lets `prettier --write "**\/*.sriov"` and editors format them. The
 * parser is the compiler's own; a file with syntax errors is not formatted (the first error is thrown
 * with its location, which prettier shows with a code frame).
 */
import type { Parser, Plugin, Printer, SupportLanguage } from "prettier";
import type * as A from "../syntax/ast.js";
import { parseSource, stripBom } from "../syntax/parse.js";
import { commentHandlers } from "./comments.js";
import { printComment, printNode } from "./print.js";
import { childNodes, parentsOf, visitorKeys, type FormatComment, type FormatNode } from "./tree.js";

export const PARSER_NAME = "sriov";
const AST_FORMAT = "sriov-ast";

type Located = { span: { start: number; end: number } };

const locStart = (node: Located): number => node.span.start;
const locEnd = (node: Located): number => node.span.end;

/** A syntax error as prettier reports it: message plus `loc` for its code frame. */
export class SriovSyntaxError extends SyntaxError {
  constructor(
    message: string,
    readonly loc: { start: { line: number; column: number }; end: { line: number; column: number } },
  ) {
    super(message);
  }
}

/** Parent maps per formatted file, built only when a comment handler first needs to climb. */
const parentMaps = new WeakMap<object, WeakMap<object, FormatNode>>();

function parentsOfAst(ast: unknown): WeakMap<object, FormatNode> {
  const root = ast as A.SourceFile;
  let parents = parentMaps.get(root);
  if (parents === undefined) {
    parents = parentsOf(root);
    parentMaps.set(root, parents);
  }
  return parents;
}

function parse(text: string, options: { filepath?: string }): A.SourceFile {
  const { ast, diagnostics } = parseSource(stripBom(text), options.filepath ?? "<input>");
  const error = diagnostics.find((diagnostic) => diagnostic.severity === "error");
  if (error) {
    const { span } = error;
    throw new SriovSyntaxError(error.message, {
      start: { line: span.line, column: span.column },
      end: { line: span.endLine, column: span.endColumn },
    });
  }
  // Prettier detaches `comments` from the root and hangs each comment on a node; it reports an
  // unprinted comment by its `value`.
  const comments: FormatComment[] = ast.comments.map((comment) => ({ ...comment, value: comment.text }));
  return { ...ast, comments };
}

export const languages: SupportLanguage[] = [
  {
    name: "sriov",
    parsers: [PARSER_NAME],
    extensions: [".sriov"],
    tmScope: "source.sriov",
    aceMode: "text",
    vscodeLanguageIds: ["sriov"],
  },
];

export const parsers: Record<string, Parser<FormatNode>> = {
  [PARSER_NAME]: { parse, astFormat: AST_FORMAT, locStart, locEnd },
};

const printer: Printer<FormatNode> = {
  print: printNode,
  printComment: printComment as unknown as Printer<FormatNode>["printComment"],
  isBlockComment: (node) => (node as unknown as FormatComment).style === "block",
  canAttachComment: (node) => typeof node.kind === "string" && (node.kind as string) !== "Comment",
  getCommentChildNodes: (node) => childNodes(node),
  getVisitorKeys: (node) => visitorKeys(node),
  handleComments: commentHandlers(parentsOfAst),
};

export const printers: Record<string, Printer<FormatNode>> = { [AST_FORMAT]: printer };

const plugin: Plugin<FormatNode> = { languages, parsers, printers };
export default plugin;

// For `sriovc fmt`, which loads this module (the package's `sriovc/prettier` export) only when it runs;
// prettier reads the default export and ignores these.
export { formatSource, resolveFormatOptions, type FormatOptions } from "./format.js";
