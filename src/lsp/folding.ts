/** Folding ranges: multi-line blocks and lists, block comments, runs of line comments, `// #region`s, the imports. */
import { FoldingRangeKind, type FoldingRange, type FoldingRangeParams } from "vscode-languageserver/node";
import type { Expr, Member } from "../syntax/ast.js";
import type { Span } from "../syntax/span.js";
import type { FileContext } from "./context.js";
import { lineStartAt } from "./positions.js";

const REGION_START = /^\/\/\s*#?region\b/;
const REGION_END = /^\/\/\s*#?endregion\b/;

export function foldingRanges(context: FileContext, _params: FoldingRangeParams): FoldingRange[] {
  const ast = context.ast;
  if (ast === undefined) return [];
  const out: FoldingRange[] = [];
  // The closing line stays visible: `host h1 {` … `}`.
  const fold = (span: Span, kind?: FoldingRangeKind): void => {
    if (span.endLine > span.line) out.push({ startLine: span.line - 1, endLine: span.endLine - 2 + (kind === FoldingRangeKind.Comment ? 1 : 0), ...(kind === undefined ? {} : { kind }) });
  };
  const value = (expr: Expr): void => {
    if (expr.kind === "List") {
      fold(expr.span);
      expr.items.forEach(value);
    } else if (expr.kind === "Call") expr.args.forEach(value);
  };
  const members = (list: readonly Member[]): void => {
    for (const member of list) {
      if (member.kind === "Block") {
        fold(member.span);
        members(member.members);
      } else value(member.value);
    }
  };
  const imports = ast.items.filter((item) => item.kind === "Import");
  if (imports.length > 1) out.push({ startLine: imports[0]!.span.line - 1, endLine: imports[imports.length - 1]!.span.endLine - 1, kind: FoldingRangeKind.Imports });
  for (const item of ast.items) {
    if (item.kind === "Import") continue;
    fold(item.span);
    members(item.members);
  }
  // `// #region` … `// #endregion`: the markers editors/vscode/language-configuration.json names. VS Code
  // folds by them only when no server gives folding ranges, so with this server it is the server's to do.
  const regions: number[] = [];
  let run: Span[] = [];
  const flush = (): void => {
    if (run.length > 1) out.push({ startLine: run[0]!.line - 1, endLine: run[run.length - 1]!.line - 1, kind: FoldingRangeKind.Comment });
    run = [];
  };
  for (const comment of ast.comments) {
    if (comment.style === "block") {
      flush();
      fold(comment.span, FoldingRangeKind.Comment);
      continue;
    }
    // A comment after code on its line is no part of a run: folding it with the next would hide code.
    if (context.text.slice(lineStartAt(context.text, comment.span.start), comment.span.start).trim() !== "") {
      flush();
      continue;
    }
    const marker = context.text.slice(comment.span.start, comment.span.end);
    if (REGION_START.test(marker) || REGION_END.test(marker)) {
      flush();
      if (REGION_START.test(marker)) regions.push(comment.span.line - 1);
      else {
        const start = regions.pop();
        if (start !== undefined) out.push({ startLine: start, endLine: comment.span.line - 1, kind: FoldingRangeKind.Region });
      }
      continue;
    }
    const last = run[run.length - 1];
    if (last !== undefined && comment.span.line !== last.line + 1) flush();
    run.push(comment.span);
  }
  flush();
  return out.filter((range) => range.endLine > range.startLine).sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
