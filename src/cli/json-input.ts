/**
 * JSON files the user gives (`sriovc.json`, `--config`, IR JSON, the partial reports of `merge`): parsed
 * with `JSON.parse`, and when that fails, one message that says where, as a `.sriov` error does
 * (`FILE:LINE:COLUMN: not valid JSON: REASON`). V8 gives a position for some mistakes only (a trailing
 * comma: `at position 35`); the commonest, `Unexpected token 'x'` (an unquoted word, a comment, a
 * single quote), comes with an excerpt of the text and no position, so the place is found by a scan.
 * Not with a library: jsonc-parser (VS Code's, already among the dev tools' dependencies) parses by
 * recursion, one call per nesting level, and throws "Maximum call stack size exceeded" on a file of
 * 10,000 `[` (measured with 3.3.1), which an untrusted file may be; the scan (../syntax/json-scan.ts) is
 * iterative and only locates the mistake: JSON.parse stays the judge of what is JSON.
 */
import type { DecodedText } from "../semantics/untrusted-file.js";
import { jsonErrorOffset } from "../syntax/json-scan.js";
import { stripBom } from "../syntax/parse.js";
import { LineIndex } from "../syntax/span.js";

export { jsonErrorOffset, jsonPointerPlaces } from "../syntax/json-scan.js";

export type JsonInput = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/**
 * A JSON file as readUntrustedFile decoded it: refused at its first byte that is not UTF-8 (decoded, it
 * would be U+FFFD in a name or a value), else parsed without its byte-order mark.
 */
export function parseJsonFile(read: DecodedText, shown: string): JsonInput {
  if (read.invalidUtf8 !== undefined) return { ok: false, message: `${shown}: not valid UTF-8 at byte ${read.invalidUtf8.byteOffset}` };
  return parseJsonInput(stripBom(read.text), shown);
}

/** `text` parsed, or the message naming `shown`, the line and column, and the reason without any of the text. */
export function parseJsonInput(text: string, shown: string): JsonInput {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const reason = jsonErrorWithoutText(error instanceof Error ? error.message : String(error));
    const offset = jsonErrorOffset(text);
    if (offset < 0) return { ok: false, message: `${shown}: not valid JSON: ${reason}` };
    const { line, column } = new LineIndex(shown, text).position(offset);
    return { ok: false, message: `${shown}:${line}:${column}: not valid JSON: ${reason}` };
  }
}

/**
 * A JSON.parse error without the excerpt of the text that Node puts in it (`Unexpected token 'P',
 * "PATH=/usr/"... is not valid JSON`): the file may be anything (docs/SECURITY.md), so only the
 * offending token is kept. Node marks a cut excerpt with `...` before and after the quotes (`..."b":
 * xyz}"...`): almost every excerpt of a real file is cut, so both are part of what goes. The position
 * goes too: the message names the line and column instead.
 */
function jsonErrorWithoutText(message: string): string {
  return message.replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, "").replace(/ in JSON at position \d+.*$/s, "");
}
