/**
 * Quoted scalars whose continuation lines are not indented past their key, as Kubernetes reads them.
 *
 * YAML wants each continuation line of a multi-line `'…'` or `"…"` scalar indented more than the block
 * it stands in; the `yaml` package holds to that ("Missing closing 'quote"). kubectl reads manifests with
 * go-yaml, which does not: it takes the scalar up to its closing quote wherever that line starts. Real
 * manifests depend on it, e.g. a NetworkAttachmentDefinition as OpenShift's documentation writes it:
 *
 *     spec:
 *       config: '{
 *         "cniVersion": "0.3.1",
 *         "type": "sriov"
 *       }'
 *
 * Line folding drops a continuation line's leading spaces, so indenting such lines just enough changes no
 * value. This finds those lines; the reader parses the text with spaces put in and maps positions back.
 */

/** Spaces put in at an offset of the original text. */
export interface Insertion {
  readonly at: number;
  readonly count: number;
}

/**
 * The spaces that indent every continuation line of a block-context quoted scalar past its key (none when
 * there is nothing to indent). Flow collections, comments and block scalars (`|`, `>`) are passed over.
 */
export function underIndentedQuotedLines(text: string): Insertion[] {
  const insertions: Insertion[] = [];
  const lines = text.split("\n");
  let offset = 0;
  let quote: { readonly char: string; readonly need: number } | undefined;
  let flowDepth = 0;
  let blockScalarIndent: number | undefined;
  for (const line of lines) {
    const start = offset;
    offset += line.length + 1;
    const indent = /^ */.exec(line)![0].length;
    const blank = line.trim() === "";
    if (quote !== undefined) {
      if (!blank && indent < quote.need) insertions.push({ at: start, count: quote.need - indent });
    } else if (blockScalarIndent !== undefined) {
      if (blank || indent > blockScalarIndent) continue;
      blockScalarIndent = undefined;
    }
    let i = quote === undefined ? indent : 0;
    // The column a key (or sequence item's key) starts at: a quoted value's continuation lines go past it.
    const keyColumn = /^ *(?:- +)*/.exec(line)![0].length;
    for (; i < line.length; i++) {
      const c = line[i]!;
      if (quote !== undefined) {
        if (quote.char === '"' && c === "\\") i++;
        else if (c === quote.char) {
          if (quote.char === "'" && line[i + 1] === "'") i++;
          else quote = undefined;
        }
        continue;
      }
      if (c === "#" && (i === 0 || /\s/.test(line[i - 1]!))) break;
      if (c === '"' || c === "'") {
        // A quote starts a scalar only where a value may start (not inside a plain word like it's).
        const before = i === 0 ? " " : line[i - 1]!;
        if (/[\s,[{:-]/.test(before)) quote = { char: c, need: flowDepth > 0 ? 0 : keyColumn + 1 };
      } else if (c === "[" || c === "{") flowDepth++;
      else if (c === "]" || c === "}") flowDepth = Math.max(0, flowDepth - 1);
    }
    if (quote === undefined && flowDepth === 0 && BLOCK_SCALAR_HEADER.test(line.replace(/\r$/, ""))) blockScalarIndent = indent;
  }
  return insertions;
}

/** A line whose value is a block scalar: `key: |`, `- >-`, `|2` (its content lines are passed over). */
const BLOCK_SCALAR_HEADER = /^ *(?:- +)*(?:(?:"[^"]*"|'[^']*'|[^\s#'"][^#]*?) *: +)?[|>][+-]?\d*[+-]?\s*(?:#.*)?$/;

/** The text with the spaces put in. */
export function withInsertions(text: string, insertions: readonly Insertion[]): string {
  let out = "";
  let from = 0;
  for (const { at, count } of insertions) {
    out += text.slice(from, at) + " ".repeat(count);
    from = at;
  }
  return out + text.slice(from);
}

/** An offset of the text with the spaces put in → the original's (a space put in → where it was put). */
export function originalOffset(offset: number, insertions: readonly Insertion[]): number {
  let shift = 0;
  for (const { at, count } of insertions) {
    const inserted = at + shift;
    if (offset < inserted) break;
    if (offset < inserted + count) return at;
    shift += count;
  }
  return offset - shift;
}
