/** Source text → tokens, with comments in a side channel and lexing mistakes as `syntax` diagnostics. */
import type { IToken } from "chevrotain";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { scan, type Scanned } from "./scanner.js";
import type { LineIndex } from "./span.js";
import { HashComment, UnterminatedBlockComment, UnterminatedString } from "./tokens.js";

export interface LexResult {
  readonly tokens: IToken[];
  readonly comments: IToken[];
  readonly diagnostics: Diagnostic[];
}

function describeCharacter(text: string): string {
  const code = text.codePointAt(0) ?? 0;
  const name = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) return `control character ${name}`;
  if (code === 0xfffd) return "invalid UTF-8 byte sequence";
  const unseen = unseenKind(code);
  if (unseen === "space") return `space-like character ${name} (not a plain space)`;
  if (unseen !== undefined) return `invisible character ${name}`;
  return `character '${String.fromCodePoint(code)}'`;
}

/**
 * A character that looks like a space or like nothing (a no-break space, a zero-width space, a line
 * separator): text pasted from a web page or a document brings them, and shown as it is, `unexpected
 * character ' '` points at what looks like an ordinary space.
 */
function unseenKind(code: number): "space" | "invisible" | undefined {
  const character = String.fromCodePoint(code);
  if (/\p{Zs}/u.test(character)) return "space";
  if (/[\p{Zl}\p{Zp}\p{Cf}]/u.test(character)) return "invisible";
  return undefined;
}

/** The number that a unit character at `at` follows after spaces on its line (`150 %`, `12.3 µs`), if one does: its digits and offset. */
function numberSpacedBefore(text: string, at: number): { digits: string; start: number } | undefined {
  const lineStart = Math.max(text.lastIndexOf("\n", at - 1), text.lastIndexOf("\r", at - 1)) + 1;
  const match = /(?:^|[^A-Za-z0-9_.\-])(\d+(?:\.\d+)?)[ \t]+$/.exec(text.slice(lineStart, at));
  if (match === null) return undefined;
  const digits = match[1]!;
  return { digits, start: at - (match[0].length - match[0].indexOf(digits)) };
}

/** A micro sign between a number and a space before it and an `s` after it (`12.3 µs`): the spaced-unit repair's. */
function spacedMicro(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c !== 0xb5 && c !== 0x3bc) return false;
  if (text[at + 1] !== "s" || /[A-Za-z0-9_]/.test(text[at + 2] ?? "")) return false;
  return numberSpacedBefore(text, at) !== undefined;
}

/**
 * Control characters (other than tab and line breaks) and bidirectional overrides may not appear raw in
 * a string or a comment: a terminal would obey them when the line is shown, and a bidi override makes
 * the code read differently from how it parses. A string writes them as escapes (`\u{1b}`).
 */
const RAW_CONTROL = new RegExp("[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]");

function rawControl(token: IToken, where: string, lines: LineIndex, diagnostics: Diagnostic[]): void {
  const match = RAW_CONTROL.exec(token.image);
  if (match === null) return;
  const at = token.startOffset + match.index;
  const code = match[0].charCodeAt(0);
  const name = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  const bidi = code >= 0x202a;
  diagnostics.push(
    diagnostic("syntax", "error", lines.span(at, at + 1), `${bidi ? "bidirectional text control" : "control character"} ${name} in ${where}`, {
      help: where === "a string" ? `write it as an escape, \`\\u{${code.toString(16)}}\`, if it is meant to be there` : "remove it: comments hold printable text only",
    }),
  );
}

/** `scanned`: the tokens of all of `text` unless given (a part of it, scanned by the caller). */
export function lex(text: string, lines: LineIndex, scanned?: Scanned): LexResult {
  const result = scanned ?? scan(text);
  const diagnostics: Diagnostic[] = [];
  for (const error of result.errors) {
    const start = error.offset;
    const span = lines.span(start, start + Math.max(1, error.length));
    const found = describeCharacter(text.slice(start, start + 2));
    // `vfs = -1`: the language has no negative numbers (every count, size, rate and duration is ≥ 0).
    const negative = error.length === 1 && text[start] === "-" && /[0-9]/.test(text[start + 1] ?? "");
    // `12.3 µs` (a report's figure pasted with its space): the micro sign starts no token; the repair of a
    // spaced unit (mistakes.ts) reports the number, the sign and the `s` after it as one mistake, with its fix.
    if (error.length === 1 && spacedMicro(text, start)) continue;
    const spaced = error.length === 1 && text[start] === "%" ? numberSpacedBefore(text, start) : undefined;
    if (spaced !== undefined) {
      // `overcommit = 150 %`: the slip `freq = 2.4 GHz` is (mistakes.ts), but a lone `%` is no token to repair there.
      const range = lines.span(spaced.start, start + 1);
      diagnostics.push(
        diagnostic("syntax", "error", range, `a space separates the number ${spaced.digits} from its unit \`%\``, {
          help: `write the unit right after the number: \`${spaced.digits}%\``,
          fixes: [{ description: "remove the space", safe: true, edits: [{ range, text: `${spaced.digits}%` }] }],
        }),
      );
      continue;
    }
    const unseen = error.length === 1 ? unseenKind(text.codePointAt(start) ?? 0) : undefined;
    if (unseen !== undefined) {
      // One reading: the author meant a space, or nothing.
      const replacement = unseen === "space" ? " " : "";
      diagnostics.push(
        diagnostic("syntax", "error", span, `unexpected ${found}`, {
          help: unseen === "space" ? "replace it with a plain space (pasted text often carries such characters)" : "remove it (pasted text often carries such characters)",
          fixes: [{ description: unseen === "space" ? "replace it with a space" : "remove it", safe: true, edits: [{ range: span, text: replacement }] }],
        }),
      );
      continue;
    }
    diagnostics.push(
      diagnostic("syntax", "error", span, negative ? "unexpected character '-': numbers cannot be negative" : `unexpected ${found}`, {
        help: negative
          ? "every count, size, rate and duration is 0 or more: remove the `-`"
          : error.length > 1
            ? `${error.length} characters here are not part of the language; remove them`
            : "expected a name, a number, a quantity, a string, a MAC or PCI address, or punctuation",
      }),
    );
  }
  // Only the string tokens, which the scanner listed apart: these loops walked every token of a file.
  const strings = result.strings;
  for (let i = 0; i < strings.length; i++) {
    const token = strings[i]!;
    if (token.tokenType === UnterminatedString) {
      diagnostics.push(
        diagnostic("syntax", "error", lines.span(token.startOffset, token.startOffset + token.image.length), "unterminated string", {
          help: 'close the string with `"` before the end of the line',
        }),
      );
    }
  }
  const comments = result.comments;
  for (let i = 0; i < strings.length; i++) rawControl(strings[i]!, "a string", lines, diagnostics);
  for (const comment of comments) rawControl(comment, "a comment", lines, diagnostics);
  for (const comment of comments) {
    if (comment.tokenType === HashComment) {
      diagnostics.push(
        diagnostic("syntax", "error", lines.span(comment.startOffset, comment.startOffset + 1), "comments start with `//`, not `#`", {
          help: "write `//` for a comment to the end of the line, or `/* … */`",
          fixes: [{ description: "write `//`", safe: true, edits: [{ range: lines.span(comment.startOffset, comment.startOffset + 1), text: "//" }] }],
        }),
      );
    }
    if (comment.tokenType === UnterminatedBlockComment) {
      diagnostics.push(
        diagnostic("syntax", "error", lines.span(comment.startOffset, comment.startOffset + 2), "unterminated block comment", {
          help: "close the comment with `*/`",
        }),
      );
    }
  }
  return { tokens: result.tokens, comments, diagnostics };
}
