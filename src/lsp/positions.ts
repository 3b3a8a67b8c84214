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
