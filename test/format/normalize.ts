/**
 * Meaning of a parsed file for comparisons: the AST without spans or file names, and its comments' texts in
 * order (a line comment's trailing spaces aside: the formatter trims them).
 */
import type { SourceFile } from "../../src/syntax/ast.js";
import { parseSource, stripBom } from "../../src/syntax/parse.js";

const POSITIONAL = new Set(["span", "keywordSpan", "file", "comments"]);

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) if (!POSITIONAL.has(key)) out[key] = strip(inner);
    return out;
  }
  return value;
}

export interface Meaning {
  readonly ast: unknown;
  readonly comments: string[];
}

export function meaningOf(file: SourceFile): Meaning {
  return { ast: strip(file.items), comments: file.comments.map((comment) => (comment.style === "line" ? comment.text.trimEnd() : comment.text)) };
}

/** Parses and fails loudly on syntax errors: the inputs compared here must be valid. */
export function parseMeaning(text: string, name = "input.sriov"): Meaning {
  const { ast, diagnostics } = parseSource(stripBom(text), name);
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === "error");
  if (errors.length > 0) throw new Error(`${name} does not parse: ${errors.map((e) => `${e.span.line}:${e.span.column} ${e.message}`).join("; ")}\n${text}`);
  return meaningOf(ast);
}
