/**
 * Where comments go. Prettier attaches each comment to a neighbouring node (leading/trailing) or to the
 * node that encloses it (dangling); these handlers override that where the default would move a comment
 * somewhere a second run would place differently (formatting must be idempotent):
 * - inside an empty block body `{ }` or empty call `f( )`: dangling, printed inside the braces;
 * - on its own line inside an attribute, a name pattern, a reference, an import, or a block header (before
 *   `{`), or a line comment with nothing before it there: moved before that statement.
 * Everything else keeps prettier's placement: own-line comments lead the next member or list item, end-of-
 * line comments trail the previous node (printed at the end of its line).
 */
import { util } from "prettier";
import type * as A from "../syntax/ast.js";
import { argumentsOpen, bodyOpen, type FormatComment, type FormatNode } from "./tree.js";

type Placement = "ownLine" | "endOfLine" | "remaining";

interface DecoratedComment extends FormatComment {
  enclosingNode?: FormatNode;
  precedingNode?: FormatNode;
  followingNode?: FormatNode;
}

type Statement = A.Attribute | A.Block | A.Template | A.Import;

function isStatement(node: FormatNode): node is Statement {
  return node.kind === "Attribute" || node.kind === "Block" || node.kind === "Template" || node.kind === "Import";
}

function statementOf(node: FormatNode, parents: WeakMap<object, FormatNode>): FormatNode | undefined {
  let current: FormatNode | undefined = node;
  while (current !== undefined && !isStatement(current)) current = parents.get(current);
  return current;
}

function attach(comment: DecoratedComment, placement: Placement, text: string, parents: WeakMap<object, FormatNode>): boolean {
  const enclosing = comment.enclosingNode;
  if (enclosing === undefined) return false;
  const preceding = comment.precedingNode;
  const following = comment.followingNode;
  switch (enclosing.kind) {
    case "File":
    case "List":
      return false;
    case "Block":
    case "Template": {
      if (comment.span.start >= bodyOpen(enclosing, text)) {
        if (enclosing.members.length === 0) {
          util.addDanglingComment(enclosing, comment, undefined);
          return true;
        }
        // Between `{` and the first member: a line comment right after `{` stays at the end of the header's
        // line (trailing the name); any other comment there leads the first member, so order is kept.
        if (following !== undefined && (preceding === undefined || !isStatement(preceding))) {
          const open = bodyOpen(enclosing, text);
          const firstAfterBrace = text.slice(open + 1, comment.span.start).trim() === "";
          if (comment.style === "line" && placement === "endOfLine" && firstAfterBrace) return false;
          util.addLeadingComment(following, comment);
          return true;
        }
        return false;
      }
      if (comment.style === "block" && placement !== "ownLine") return false;
      if (preceding !== undefined && placement === "endOfLine") return false;
      util.addLeadingComment(enclosing, comment);
      return true;
    }
    case "Call":
      if (enclosing.args.length === 0 && comment.span.start >= argumentsOpen(enclosing, text)) {
        util.addDanglingComment(enclosing, comment, undefined);
        return true;
      }
      return false;
    default: {
      if (placement !== "ownLine" && (comment.style === "block" || preceding !== undefined)) return false;
      const statement = statementOf(enclosing, parents);
      if (statement === undefined) return false;
      util.addLeadingComment(statement, comment);
      return true;
    }
  }
}

/** Prettier's `handleComments`, given the parent map of the file being formatted. */
export function commentHandlers(parentsOfAst: (ast: unknown) => WeakMap<object, FormatNode>) {
  const make =
    (placement: Placement) =>
    (comment: DecoratedComment, text: string, _options: unknown, ast: unknown): boolean =>
      attach(comment, placement, text, parentsOfAst(ast));
  return { ownLine: make("ownLine"), endOfLine: make("endOfLine"), remaining: make("remaining") };
}
