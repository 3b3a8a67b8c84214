/**
 * Whole-document formatting with the prettier plugin and the options `sriovc fmt` resolves for the file
 * (`.prettierrc`, `.editorconfig`): the result is byte for byte what `sriovc fmt` prints. A document with
 * syntax errors is left alone, as `sriovc fmt` leaves such a file (its errors are already diagnostics); a
 * broken `.prettierrc` is answered with the error `sriovc fmt` gives.
 */
import { LSPErrorCodes, ResponseError, type DocumentFormattingParams, type TextEdit } from "vscode-languageserver/node";
import { invalidFormatConfig } from "../format/config-error.js";
import type { FileContext } from "./context.js";
import { loadFormatter } from "./formatter-module.js";

export async function formatDocument(context: FileContext, _params: DocumentFormattingParams): Promise<TextEdit[]> {
  if (context.file === undefined || context.file.hasSyntaxErrors) return [];
  const text = context.document.getText();
  const { formatSource, resolveFormatOptions } = await loadFormatter();
  const options = await resolveFormatOptions(context.absolutePath, { fresh: true }).catch((error: unknown) => {
    // A broken `.prettierrc` is the user's to fix, not a crash: told in the words `sriovc fmt` exits 2 with.
    throw new ResponseError(LSPErrorCodes.RequestFailed, `sriovc: ${invalidFormatConfig(context.displayPath, error)}`);
  });
  const formatted = await formatSource(text, { ...options, filepath: context.absolutePath });
  if (formatted === text) return [];
  return [{ range: { start: { line: 0, character: 0 }, end: context.document.positionAt(text.length) }, newText: formatted }];
}
