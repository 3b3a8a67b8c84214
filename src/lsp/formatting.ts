/**
 * Formatting with the prettier plugin and the options `sriovc fmt` resolves for the file (`.prettierrc`,
 * `.editorconfig`): the whole document becomes byte for byte what `sriovc fmt` prints, and a selection the
 * part of that which falls on its lines (format-edits.ts). The edits are the changed lines only. A document
 * with syntax errors is left alone, as `sriovc fmt` leaves such a file (its errors are already
 * diagnostics); a broken `.prettierrc` is answered with the error `sriovc fmt` gives.
 */
import { LSPErrorCodes, ResponseError, type DocumentFormattingParams, type DocumentRangeFormattingParams, type TextEdit } from "vscode-languageserver/node";
import { invalidFormatConfig } from "../format/config-error.js";
import type { FileContext } from "./context.js";
import { lineHunks, rangeHunks, type Hunk } from "./format-edits.js";
import { loadFormatter } from "./formatter-module.js";

export async function formatDocument(context: FileContext, _params: DocumentFormattingParams): Promise<TextEdit[]> {
  const format = await formatterFor(context);
  if (format === undefined) return [];
  const text = context.document.getText();
  return edits(context, lineHunks(text, await format(text)));
}

export async function formatRange(context: FileContext, params: DocumentRangeFormattingParams): Promise<TextEdit[]> {
  const format = await formatterFor(context);
  if (format === undefined) return [];
  const { document } = context;
  const text = document.getText();
  const { start, end } = params.range;
  // Whole lines: from the start of the first to the start of the line after the last (a selection that
  // ends at the start of a line, as a selection of whole lines does, does not take that line).
  const lastLine = end.line > start.line && end.character === 0 ? end.line - 1 : end.line;
  const from = document.offsetAt({ line: start.line, character: 0 });
  const to = document.offsetAt({ line: lastLine + 1, character: 0 });
  return edits(context, await rangeHunks(text, await format(text), from, to, format));
}

/** The file's formatter with its options, or undefined when the document has syntax errors. */
async function formatterFor(context: FileContext): Promise<((text: string) => Promise<string>) | undefined> {
  if (context.file === undefined || context.file.hasSyntaxErrors) return undefined;
  const { formatSource, resolveFormatOptions } = await loadFormatter();
  const options = await resolveFormatOptions(context.absolutePath, { fresh: true }).catch((error: unknown) => {
    // A broken `.prettierrc` is the user's to fix, not a crash: told in the words `sriovc fmt` exits 2 with.
    throw new ResponseError(LSPErrorCodes.RequestFailed, `sriovc: ${invalidFormatConfig(context.displayPath, error)}`);
  });
  return (text) => formatSource(text, { ...options, filepath: context.absolutePath });
}

function edits(context: FileContext, hunks: readonly Hunk[]): TextEdit[] {
  const { document } = context;
  return hunks.map((hunk) => ({ range: { start: document.positionAt(hunk.from), end: document.positionAt(hunk.to) }, newText: hunk.text }));
}
