/**
 * YAML and JSON (a JSON file is YAML too) → located values, with the limits of ./limits.ts: size, depth,
 * aliases (the `yaml` package's own `maxAliasCount` guard) and nodes walked. Multi-document files and
 * `kind: List` wrappers are the caller's business; this returns one value per document.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, visit, type Alias, type Document, type Node as YamlNode } from "yaml";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { LineIndex, type Span } from "../syntax/span.js";
import { MAX_INTEROP_DEPTH, MAX_INTEROP_FILE_BYTES, MAX_INTEROP_NODES, MAX_YAML_ALIASES } from "./limits.js";
import type { Located, LocatedEntry, LocatedScalar, ScalarSource } from "./located.js";
import { originalOffset, underIndentedQuotedLines, withInsertions, type Insertion } from "./yaml-quoted-lines.js";
import { scalarOffsets, type ScalarOffsets, type ScalarStyle } from "./yaml-scalar-offsets.js";

export const INPUT_SYNTAX = "input-syntax";

export interface ParsedYaml {
  readonly documents: readonly Located[];
  readonly lines: LineIndex;
  readonly diagnostics: Diagnostic[];
}

class TooMuch extends Error {
  constructor(
    readonly span: Span,
    message: string,
    readonly help: string,
  ) {
    super(message);
  }
}

/**
 * `embedded`: the text is a file with everything but one embedded document blanked out (see
 * ../k8s/objects.ts, a ConfigMap's `config.json`), so positions are the file's; paste-shape help is off.
 */
export function parseYaml(text: string, file: string, options: { embedded?: boolean } = {}): ParsedYaml {
  const lines = new LineIndex(file, text);
  const diagnostics: Diagnostic[] = [];
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_INTEROP_FILE_BYTES) {
    diagnostics.push(
      diagnostic(INPUT_SYNTAX, "error", lines.span(0, 0), `the file is ${bytes} bytes, over the ${MAX_INTEROP_FILE_BYTES}-byte limit`, {
        help: "split it into several files",
      }),
    );
    return { documents: [], lines, diagnostics };
  }
  const tooDeep = flowDepthOverflow(text);
  if (tooDeep !== undefined) {
    diagnostics.push(diagnostic(INPUT_SYNTAX, "error", lines.span(tooDeep, tooDeep + 1), `nested more than ${MAX_INTEROP_DEPTH} levels deep`, { help: "operator objects nest about 8 levels; this is not one" }));
    return { documents: [], lines, diagnostics };
  }
  let docs;
  // Positions in the text the parser read: the file's, unless quoted lines had to be indented (below).
  let at = new Positions(lines, text, []);
  try {
    docs = parseAllDocuments(text, parseOptions());
    if (docs.some((doc) => doc.errors.some((e) => e.code === "MISSING_CHAR" && /closing .?quote/.test(e.message)))) {
      // kubectl reads a quoted scalar whose lines are not indented past its key; so does sriovc (yaml-quoted-lines.ts).
      const insertions = underIndentedQuotedLines(text);
      const indented = withInsertions(text, insertions);
      const lenient = insertions.length === 0 ? undefined : parseAllDocuments(indented, parseOptions());
      if (lenient !== undefined && lenient.every((doc) => doc.errors.length === 0)) {
        docs = lenient;
        at = new Positions(lines, indented, insertions);
      }
    }
  } catch (error) {
    // Block nesting deep enough to exhaust the stack: refused like the flow nesting above.
    if (!(error instanceof RangeError)) throw error;
    diagnostics.push(diagnostic(INPUT_SYNTAX, "error", lines.span(0, 0), "nested too deeply to read", { help: "operator objects nest about 8 levels; this is not one" }));
    return { documents: [], lines, diagnostics };
  }
  const list = Array.isArray(docs) ? docs : [];
  const documents: Located[] = [];
  const pasted = options.embedded === true ? undefined : pasteShape(text);
  for (const doc of list) {
    // One error per line: the parser often reports a stray line three ways.
    const linesWithError = new Set<number>();
    for (const error of doc.errors) {
      // The parser places errors at the end of input one past it (an unclosed quote or bracket).
      const start = Math.min(error.pos[0], text.length);
      const end = Math.min(Math.max(error.pos[1], start), text.length);
      const span = at.lines.span(start, end);
      if (linesWithError.has(span.line)) continue;
      linesWithError.add(span.line);
      const lineText = text.slice(start - (span.column - 1)).split(/\r?\n/, 1)[0]!;
      const prompt = SHELL_PROMPT.exec(lineText);
      if (prompt !== null) {
        diagnostics.push(
          diagnostic(INPUT_SYNTAX, "error", lines.span(start - (span.column - 1), start - (span.column - 1) + lineText.trimEnd().length), `\`${clip(lineText.trim())}\` is a shell prompt${lineText.trim().length > prompt[0].trim().length ? " and command" : ""} pasted with the output, not YAML`, {
            help: "keep only what the command printed: delete this line (separate objects with `---`)",
          }),
        );
        continue;
      }
      diagnostics.push(diagnostic(INPUT_SYNTAX, "error", span, `YAML: ${firstLine(error.message)}`, { help: pasted ?? "fix the YAML syntax; nothing of this document is read" }));
    }
    if (doc.errors.length > 0 || doc.contents === null) continue;
    try {
      // The yaml package's own guard against alias bombs ("billion laughs"): it throws past the count.
      doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (error) {
      if (error instanceof RangeError && !/alias/i.test(error.message)) {
        diagnostics.push(diagnostic(INPUT_SYNTAX, "error", lines.span(0, 0), "nested too deeply to read", { help: "operator objects nest about 8 levels; this is not one" }));
        continue;
      }
      const unresolved = unresolvedAlias(doc);
      if (unresolved !== undefined) {
        // The yaml package reports this at no position; the alias is where the user must look.
        const name = unresolved.source;
        diagnostics.push(
          diagnostic(INPUT_SYNTAX, "error", spanOf(unresolved, at), `YAML: the alias \`*${name}\` names no anchor \`&${name}\` before it in its document`, {
            help: `an anchor reaches only the rest of its own document (not past \`---\`): write the values out, or define \`&${name}\` in this document`,
          }),
        );
        continue;
      }
      const range = doc.contents.range ?? [0, 0];
      const start = at.original(range[0]);
      diagnostics.push(
        diagnostic(INPUT_SYNTAX, "error", lines.span(start, start), `YAML: ${firstLine((error as Error).message)}`, {
          help: `a document may resolve at most ${MAX_YAML_ALIASES} aliases; operator objects need none: write the values out`,
        }),
      );
      continue;
    }
    try {
      const budget = { nodes: 0 };
      documents.push(toLocated(doc.contents as YamlNode, doc, at, 0, budget));
    } catch (error) {
      if (error instanceof TooMuch) diagnostics.push(diagnostic(INPUT_SYNTAX, "error", error.span, error.message, { help: error.help }));
      else if (error instanceof RangeError) diagnostics.push(diagnostic(INPUT_SYNTAX, "error", lines.span(0, 0), "nested too deeply to read", { help: "operator objects nest about 8 levels; this is not one" }));
      else throw error;
    }
  }
  return { documents, lines, diagnostics };
}

/**
 * A shell prompt at the start of a line (`root@worker-3:~# `, `[root@host-02 eth9]# `, `$ `, a lone `$`):
 * a paste of a terminal transcript rather than of a command's output.
 */
const SHELL_PROMPT = /^(?:\[[^\]\n]*\][#$]|[\w.-]+@[\w.-]+:[^\s#$]*[#$]|\$)(?:\s|$)/;

function clip(line: string): string {
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

/**
 * A help line for the shapes that pasted YAML takes: a fragment that starts indented (cut out of a larger
 * object, e.g. after `...`), or a dump whose indentation was lost (every line at column 0, as GitHub shows
 * YAML pasted outside a code block). Undefined for other files.
 */
function pasteShape(text: string): string | undefined {
  const content = text.split(/\r?\n/).filter((l) => l.trim() !== "" && !/^\s*#/.test(l));
  const first = content.find((l) => !/^(?:---|\.\.\.)\s*$/.test(l));
  if (first !== undefined && /^\s+\S/.test(first))
    return "the text starts indented, inside an object: paste the whole output, from its first line (`apiVersion:` or `- `)";
  if (content.length >= 4 && content.every((l) => !/^\s/.test(l)) && content.some((l) => /^[\w.-]+:\s*$/.test(l)))
    return "every line starts at column 0: the indentation was lost (GitHub shows YAML pasted outside a ``` block flat); copy the output again";
  return undefined;
}

/** The first alias of the document that resolves to no anchor, or undefined. */
function unresolvedAlias(doc: Document): Alias | undefined {
  let found: Alias | undefined;
  visit(doc, {
    Alias(_, node) {
      if (node.resolve(doc) !== undefined) return undefined;
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

/**
 * The file's lines and the text the parser read (the file's, or it with spaces put in: yaml-quoted-lines.ts),
 * with the offset in one of an offset in the other. One per parse, shared by its scalars as their `source`:
 * a part of a string value is located from the scalar's span when a check asks (most values are never
 * asked), so reading a scalar costs no per-scalar object beyond the scalar itself.
 */
class Positions implements ScalarSource {
  /** The decoded offsets of the scalars asked so far (a check asks for several parts of one value). */
  private readonly offsets = new WeakMap<LocatedScalar, ScalarOffsets | null>();

  constructor(
    readonly lines: LineIndex,
    /** The text the parser read. */
    readonly text: string,
    private readonly insertions: readonly Insertion[],
  ) {}

  /** The offset in the file of an offset in the text the parser read. */
  original(offset: number): number {
    return this.insertions.length === 0 ? offset : originalOffset(offset, this.insertions);
  }

  /** The offset in the text the parser read of a file offset where no space was put in (a scalar's start or end). */
  private parsed(offset: number): number {
    let shift = 0;
    for (const { at, count } of this.insertions) {
      if (at >= offset) break;
      shift += count;
    }
    return offset + shift;
  }

  part(scalar: LocatedScalar, from: number, to: number): Span | undefined {
    const value = scalar.value;
    if (typeof value !== "string" || scalar.style === undefined || from < 0 || to > value.length || from >= to) return undefined;
    const start = this.parsed(scalar.span.start);
    let offsets = this.offsets.get(scalar);
    if (offsets === undefined) {
      offsets = scalarOffsets(this.text.slice(start, this.parsed(scalar.span.end)), scalar.style, value) ?? null;
      this.offsets.set(scalar, offsets);
    }
    if (offsets === null) return undefined;
    return this.lines.span(this.original(start + offsets.starts[from]!), this.original(start + offsets.ends[to - 1]!));
  }
}

function parseOptions() {
  return { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true, strict: true } as const;
}

function spanOf(node: YamlNode, at: Positions): Span {
  const range = node.range ?? [0, 0, 0];
  return at.lines.span(at.original(range[0]), at.original(range[1]));
}

function toLocated(node: YamlNode, doc: Document, at: Positions, depth: number, budget: { nodes: number }): Located {
  const span = spanOf(node, at);
  if (depth > MAX_INTEROP_DEPTH) throw new TooMuch(span, `nested more than ${MAX_INTEROP_DEPTH} levels deep`, "operator objects nest about 8 levels; this is not one");
  if (++budget.nodes > MAX_INTEROP_NODES) throw new TooMuch(span, `more than ${MAX_INTEROP_NODES} values in one document`, "split the file");
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (target === undefined) return { kind: "scalar", value: null, span };
    return toLocated(target as YamlNode, doc, at, depth + 1, budget);
  }
  if (isMap(node)) {
    const entries: LocatedEntry[] = [];
    const merged: LocatedEntry[] = [];
    for (const pair of node.items) {
      const key = pair.key as YamlNode | null;
      if (key === null || !isScalar(key)) continue;
      const value = pair.value as YamlNode | null;
      if (key.value === "<<" && key.type === "PLAIN" && value !== null) {
        // A merge key (`<<: *defaults`): kubectl reads manifests with go-yaml, which merges it (YAML 1.1's
        // merge type), so the API server sees the merged keys. Keys of the map itself win, then earlier
        // sources of a `[*a, *b]` list. The merged entries keep their spans at the anchored map.
        const sources = isSeq(value) ? value.items : [value];
        for (const source of sources) {
          const located = toLocated(source as YamlNode, doc, at, depth + 1, budget);
          if (located.kind !== "map") throw new TooMuch(spanOf(source as YamlNode, at), "YAML: a merge key (`<<`) takes a map or an alias of one", "write `<<: *anchor`, where `&anchor` marks a map");
          merged.push(...located.entries);
        }
        continue;
      }
      const keySpan = spanOf(key, at);
      entries.push({
        key: String(key.value),
        keySpan,
        value: value === null ? { kind: "scalar", value: null, span: at.lines.span(keySpan.end, keySpan.end) } : toLocated(value, doc, at, depth + 1, budget),
      });
    }
    const keys = new Set(entries.map((e) => e.key));
    for (const m of merged) {
      if (keys.has(m.key)) continue;
      keys.add(m.key);
      entries.push(m);
    }
    return { kind: "map", entries, span };
  }
  if (isSeq(node)) {
    const items: Located[] = [];
    for (const item of node.items) if (item !== null) items.push(toLocated(item as YamlNode, doc, at, depth + 1, budget));
    return { kind: "seq", items, span };
  }
  if (isScalar(node)) {
    const v = node.value;
    const value = typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : v === null ? null : String(v);
    // One shape for every scalar of a file (the same keys in the same order), and nothing allocated for it
    // beyond the scalar: its style is one of five constants, its source the parse's own.
    return { kind: "scalar", value, span, style: node.type as ScalarStyle | undefined, source: at };
  }
  return { kind: "scalar", value: null, span };
}

/**
 * The offset of the first `[` or `{` nested deeper than the limit, outside quotes and comments, or
 * undefined. Checked before parsing: the `yaml` package reads flow collections recursively, and 5,000
 * nested brackets exhaust its stack.
 */
function flowDepthOverflow(text: string): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== undefined) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") {
      // A quote starts a scalar only where a value may start (not inside a plain word like it's).
      const before = i === 0 ? " " : text[i - 1]!;
      if (/[\s,[{:\-]/.test(before)) quote = c;
    } else if (c === "#" && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf("\n", i);
      i = end === -1 ? text.length : end;
    } else if (c === "[" || c === "{") {
      if (++depth > MAX_INTEROP_DEPTH) return i;
    } else if (c === "]" || c === "}") depth = Math.max(0, depth - 1);
  }
  return undefined;
}
