/**
 * Where comments go. Prettier attaches each comment to a neighbouring node (leading/trailing) or to the
 * node that encloses it (dangling); these handlers override that where the default would move a comment
 * somewhere a second run would place differently (formatting must be idempotent):
 * - inside an empty block body `{ }` or empty call `f( )`: dangling, printed inside the braces;
 * - on its own line, or a line comment, inside an attribute (outside its lists and calls), a name
 *   pattern, a reference, an import, or a block header (before `{`): moved before that statement (a line
 *   comment after a block's name stays at the end of the header's line when the body is not empty);
 * - a block comment between `template` and the block kind: kept there (marked, printed by print.ts);
 * - before a call's first argument: a block comment, or any comment after a line comment that already ends
 *   the `f(` line, leads that argument.
 * Everything else keeps prettier's placement: own-line comments lead the next member or list item, end-of-
 * line comments trail the previous node (printed at the end of its line).
 */
import { util } from "prettier";
import type * as A from "../syntax/ast.js";
import { argumentsOpen, bodyOpen, childNodes, KIND_MARKER, type FormatComment, type FormatNode } from "./tree.js";

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

function statementOf(node: FormatNode, parents: WeakMap<object, FormatNode>): Statement | undefined {
  let current: FormatNode | undefined = node;
  while (current !== undefined && !isStatement(current)) current = parents.get(current);
  return current;
}

/**
 * A line comment printed at the end of a block's header line (after `{`). Only one fits there; a second
 * one goes on its own line before the first member, where the next run finds it.
 */
/** Whether a line comment before this one already ends the block's header line. */
function headerLineTaken(block: A.Block | A.Template, comment: DecoratedComment): boolean {
  const last: FormatNode | undefined = block.kind === "Template" ? block.name : (block.template ?? block.name);
  if (last === undefined) return false;
  return ((last as { comments?: FormatComment[] }).comments ?? []).some(
    (other) => other.trailing && other.style === "line" && other.span.start < comment.span.start,
  );
}

function endHeaderLine(block: A.Block | A.Template, comment: DecoratedComment): void {
  const last: FormatNode | undefined = block.kind === "Template" ? block.name : (block.template ?? block.name);
  if (last === undefined || headerLineTaken(block, comment)) util.addLeadingComment(block.members[0]!, comment);
  else util.addTrailingComment(last, comment);
}

/** Whether a line comment before this one already trails a call's name (printed at the end of the `f(` line). */
function callLineTaken(call: A.CallExpr, comment: DecoratedComment): boolean {
  return ((call.callee as { comments?: FormatComment[] }).comments ?? []).some(
    (other) => other.trailing && other.style === "line" && other.span.start < comment.span.start,
  );
}

/**
 * Makes a comment lead a statement it sits inside. Comments written before it inside the same statement
 * (already attached to its parts) move along, ahead of it, so the order of comments is kept.
 */
function moveBefore(statement: Statement, comment: DecoratedComment): void {
  const earlier: FormatComment[] = [];
  const collect = (node: FormatNode): void => {
    const list = (node as { comments?: FormatComment[] }).comments;
    if (list !== undefined) {
      for (let i = list.length - 1; i >= 0; i--) {
        const other = list[i]!;
        if (other.span.start >= statement.span.start && other.span.start < comment.span.start) {
          earlier.push(other);
          list.splice(i, 1);
        }
      }
    }
    for (const child of childNodes(node)) collect(child);
  };
  // A block's members come after its header, so only the header's parts can hold earlier comments.
  const parts = statement.kind === "Block" ? [statement.name, statement.template] : statement.kind === "Template" ? [statement.name] : childNodes(statement);
  for (const part of parts) if (part !== undefined) collect(part);
  // A template keeps the comments before its kind itself (marked): they move too, ahead of this one.
  const own = (statement as { comments?: FormatComment[] }).comments;
  if (statement.kind === "Template" && own !== undefined) {
    for (let i = own.length - 1; i >= 0; i--) {
      const other = own[i]!;
      if (other.marker === KIND_MARKER && other.span.start < comment.span.start) {
        delete other.marker;
        earlier.push(other);
        own.splice(i, 1);
      }
    }
  }
  earlier.sort((a, b) => a.span.start - b.span.start);
  for (const other of earlier) util.addLeadingComment(statement, other);
  util.addLeadingComment(statement, comment);
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
      // `template /* c */ vm small`: the kind is no node a comment could lead, so it is kept with the
      // template and printed before the kind (prettier would lead the name with it, after the kind).
      if (enclosing.kind === "Template" && comment.style === "block" && placement !== "ownLine" && comment.span.start < enclosing.keywordSpan.end) {
        util.addDanglingComment(enclosing, comment, KIND_MARKER);
        return true;
      }
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
          if (comment.style === "line" && placement === "endOfLine" && firstAfterBrace) {
            endHeaderLine(enclosing, comment);
            return true;
          }
          util.addLeadingComment(following, comment);
          return true;
        }
        return false;
      }
      if (headerLineTaken(enclosing, comment)) {
        // After a line comment that ends the header's line: below it, inside the body.
        if (enclosing.members[0] !== undefined) util.addLeadingComment(enclosing.members[0], comment);
        else util.addDanglingComment(enclosing, comment, undefined);
        return true;
      }
      if (comment.style === "block" && placement !== "ownLine") return false;
      if (preceding !== undefined && placement === "endOfLine") {
        // Printed at the end of the header's line, after the `{`: where a comment right after `{` goes on
        // the next run (trailing the header's last part, so two such comments never share a line), or
        // inside an empty body, where it is dangling.
        if (enclosing.members.length === 0) util.addDanglingComment(enclosing, comment, undefined);
        else endHeaderLine(enclosing, comment);
        return true;
      }
      moveBefore(enclosing, comment);
      return true;
    }
    case "Call":
      // In `f( )` every comment after the name goes inside the parentheses (a line comment before `(` would
      // be printed after it, and be inside on the next run).
      if (enclosing.args.length === 0 && (comment.span.start >= argumentsOpen(enclosing, text) || preceding !== undefined)) {
        util.addDanglingComment(enclosing, comment, undefined);
        return true;
      }
      if (enclosing.args[0] !== undefined && comment.span.start < enclosing.args[0].span.start) {
        // A block comment before the first argument goes with it: prettier would hang it on the name when a
        // line break follows it (`f /* c */(a)`), and on the argument once the break is gone.
        // Any comment after a line comment that already ends the `f(` line goes there too: prettier would
        // print it on its own line at the call's indentation, and the next run would indent it with the
        // argument it then precedes.
        if (comment.style === "block" || callLineTaken(enclosing, comment)) {
          util.addLeadingComment(enclosing.args[0], comment);
          return true;
        }
      }
      return false;
    default: {
      // A line comment here would be printed at the next line break, which may fall inside the value
      // (`a = // c` then a list that breaks) and move it there on the next run.
      if (placement !== "ownLine" && comment.style === "block") return false;
      const statement = statementOf(enclosing, parents);
      if (statement === undefined) return false;
      moveBefore(statement, comment);
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
