/**
 * Whole-document formatting with the prettier plugin and the options `sriovc fmt` resolves for the file
 * (`.prettierrc`, `.editorconfig`): the result is byte for byte what `sriovc fmt` prints. A document with
 * syntax errors is left alone, as `sriovc fmt` leaves such a file (its errors are already diagnostics).
 */
import type { DocumentFormattingParams, TextEdit } from "vscode-languageserver/node";
import type { FileContext } from "./context.js";
import { loadFormatter } from "./formatter-module.js";

export async function formatDocument(context: FileContext, _params: DocumentFormattingParams): Promise<TextEdit[]> {
  if (context.file === undefined || context.file.hasSyntaxErrors) return [];
  const text = context.document.getText();
  const { formatSource, resolveFormatOptions } = await loadFormatter();
  const formatted = await formatSource(text, { ...(await resolveFormatOptions(context.absolutePath, { fresh: true })), filepath: context.absolutePath });
  if (formatted === text) return [];
  return [{ range: { start: { line: 0, character: 0 }, end: context.document.positionAt(text.length) }, newText: formatted }];
}
