/** Semantic tokens: declared names and references coloured by what they name (host, PF, VM, …). */
import type { Range, SemanticTokens, SemanticTokensLegend, SemanticTokensParams, SemanticTokensRangeParams } from "vscode-languageserver/node";
import type { Span } from "../syntax/span.js";
import type { FileContext } from "./context.js";
import type { SymbolKindName } from "./symbols.js";

/** Token types by the kind of what a name names; editors that do not know a type fall back to the grammar's scope. */
export const TOKEN_TYPES: readonly SymbolKindName[] = ["host", "nic", "pf", "vswitch", "vm", "iface", "traffic", "template", "container"];
export const TOKEN_MODIFIERS = ["declaration"] as const;
export const SEMANTIC_TOKEN_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

export function semanticTokens(context: FileContext, _params: SemanticTokensParams): SemanticTokens {
  return tokensIn(context, undefined);
}

/**
 * The tokens of the lines a range touches, encoded as the whole file's are (from line 0): what an editor
 * asks first for the lines on screen of a large file (VS Code: while the whole file's are computed).
 */
export function semanticTokensInRange(context: FileContext, params: SemanticTokensRangeParams): SemanticTokens {
  return tokensIn(context, params.range);
}

function tokensIn(context: FileContext, lines: Range | undefined): SemanticTokens {
  // Span lines count from 1, the range's from 0.
  const wanted = (span: Span): boolean => lines === undefined || (span.line - 1 >= lines.start.line && span.line - 1 <= lines.end.line);
  const found = new Map<number, { span: Span; type: number; declaration: boolean }>();
  for (const decl of context.index.decls) {
    if (decl.file === context.displayPath && wanted(decl.baseSpan) && !found.has(decl.baseSpan.start)) found.set(decl.baseSpan.start, { span: decl.baseSpan, type: TOKEN_TYPES.indexOf(decl.kind), declaration: true });
  }
  for (const ref of context.index.refs) {
    if (ref.file === context.displayPath && wanted(ref.span) && !found.has(ref.span.start)) found.set(ref.span.start, { span: ref.span, type: TOKEN_TYPES.indexOf(ref.decl.kind), declaration: false });
  }
  const tokens = [...found.values()].sort((a, b) => a.span.start - b.span.start);
  const data: number[] = [];
  let line = 0;
  let character = 0;
  for (const token of tokens) {
    const range = context.range(token.span);
    if (range.start.line !== range.end.line) continue;
    const deltaLine = range.start.line - line;
    data.push(deltaLine, deltaLine === 0 ? range.start.character - character : range.start.character, range.end.character - range.start.character, token.type, token.declaration ? 1 : 0);
    line = range.start.line;
    character = range.start.character;
  }
  return { data };
}
