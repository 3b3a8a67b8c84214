/**
 * Source spans ↔ LSP positions. LSP counts lines from 0 and characters in UTF-16 code units; a span's
 * line and column come from the LineIndex of the BOM-stripped text, 1-based and also in UTF-16 code units
 * (JavaScript strings are UTF-16), so the conversion is an offset by one — except on the first line of a
 * document that starts with a byte-order mark, which the parser never saw.
 */
import type { Position, Range } from "vscode-languageserver/node";
import type { Span } from "../syntax/span.js";

/** What a range conversion needs to know of the file a span is in. */
export interface SpanFrame {
  /** True when the editor's text starts with U+FEFF (stripped before parsing). */
  readonly bom: boolean;
}

const PLAIN: SpanFrame = { bom: false };

export function spanRange(span: Span, frame: SpanFrame = PLAIN): Range {
  const shift = (line: number): number => (frame.bom && line === 1 ? 1 : 0);
  return {
    start: { line: span.line - 1, character: span.column - 1 + shift(span.line) },
    end: { line: span.endLine - 1, character: span.endColumn - 1 + shift(span.endLine) },
  };
}

/** Offset into the parsed (BOM-stripped) text of an editor position, given the editor's offset for it. */
export function parsedOffset(editorOffset: number, frame: SpanFrame): number {
  return Math.max(0, editorOffset - (frame.bom ? 1 : 0));
}

export function containsOffset(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}

/**
 * Where the line holding `offset` starts, and where it ends (before its break), in a text: a line break is
 * LF, CR LF or a lone CR (classic Mac), as the parser's LineIndex and the editor count lines; a scan for
 * LF alone took a whole CR file for one line.
 */
export function lineStartAt(text: string, offset: number): number {
  return Math.max(text.lastIndexOf("\n", offset - 1), text.lastIndexOf("\r", offset - 1)) + 1;
}

export function lineEndAt(text: string, offset: number): number {
  const lf = text.indexOf("\n", offset);
  const cr = text.indexOf("\r", offset);
  return lf === -1 ? (cr === -1 ? text.length : cr) : cr === -1 ? lf : Math.min(lf, cr);
}

/** Whether a character ends a line (CR of a CR LF included: the LF that follows ends nothing more). */
export function isLineBreak(c: string | undefined): boolean {
  return c === "\n" || c === "\r";
}
