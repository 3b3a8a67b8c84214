/**
 * Selection ranges (VS Code's Expand Selection, Shift+Alt+→): from the word at the cursor outwards through
 * what holds it — a call's argument, the call, the list, the attribute, each enclosing block, the file —
 * as the parser's tree nests them. A file with syntax errors gets the recovered tree's.
 */
import type { Range, SelectionRange, SelectionRangeParams } from "vscode-languageserver/node";
import type { Expr, Member, SourceFile } from "../syntax/ast.js";
import type { Span } from "../syntax/span.js";
import type { FileContext } from "./context.js";
import { comparePositions, containsOffset, spanRange } from "./positions.js";

export function selectionRanges(context: FileContext, params: SelectionRangeParams): SelectionRange[] {
  const { document } = context;
  const whole: SelectionRange = { range: { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) } };
  return params.positions.map((position) => {
    const spans = context.ast === undefined ? [] : spansAt(context.ast, context.offsetAt(position));
    let innermost = whole;
    for (const span of spans) {
      const range = spanRange(span, context.frame);
      // A node that spans exactly what holds it (the one segment of a reference such as `kvm`) is one step,
      // not two.
      if (!sameRange(range, innermost.range)) innermost = { range, parent: innermost };
    }
    return innermost;
  });
}

function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

/** The spans of the nodes that hold `offset`, outermost first. */
function spansAt(ast: SourceFile, offset: number): Span[] {
  const out: Span[] = [];
  const within = <T extends { readonly span: Span }>(list: readonly T[]): T | undefined => list.find((node) => containsOffset(node.span, offset));
  const take = (span: Span): boolean => {
    if (!containsOffset(span, offset)) return false;
    out.push(span);
    return true;
  };
  const expr = (value: Expr): void => {
    if (!take(value.span)) return;
    switch (value.kind) {
      case "List": {
        const item = within(value.items);
        if (item !== undefined) expr(item);
        break;
      }
      case "Call": {
        const arg = take(value.callee.span) ? undefined : within(value.args);
        if (arg !== undefined) expr(arg);
        break;
      }
      case "Range":
        if (!take(value.from.span)) take(value.to.span);
        break;
      case "Ref": {
        const segment = within(value.segments);
        if (segment !== undefined) take(segment.span);
        break;
      }
      default:
        break;
    }
  };
  const members = (list: readonly Member[]): void => {
    const member = within(list);
    if (member === undefined) return;
    out.push(member.span);
    if (member.kind === "Attribute") {
      if (!take(member.name.span)) expr(member.value);
      return;
    }
    if (take(member.keywordSpan)) return;
    if (member.name !== undefined && take(member.name.span)) {
      if (!take(member.name.base.span) && member.name.range !== undefined && take(member.name.range.span)) {
        if (!take(member.name.range.from.span)) take(member.name.range.to.span);
      }
      return;
    }
    if (member.template !== undefined && take(member.template.span)) return;
    members(member.members);
  };
  const item = within(ast.items);
  if (item !== undefined) {
    if (item.kind === "Import") {
      out.push(item.span);
      take(item.path.span);
    } else if (item.kind === "Template") {
      out.push(item.span);
      if (!take(item.keywordSpan) && !take(item.name.span)) members(item.members);
    } else members([item]);
  }
  // A comment is the innermost thing at its place (its block holds it; nothing is inside it).
  const comment = ast.comments.find((c) => c.span.start <= offset && offset < c.span.end);
  if (comment !== undefined && !out.includes(comment.span)) out.push(comment.span);
  return out;
}
