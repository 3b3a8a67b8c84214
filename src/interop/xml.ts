/**
 * libvirt XML → an xmldom document whose elements carry their line and column, with the limits of
 * ./limits.ts. A document type declaration is refused outright, before parsing: libvirt never writes
 * one, and without it there are no external entities to fetch (XXE) and no entities to expand
 * ("billion laughs"); only XML's five predefined entities and character references remain.
 */
import { DOMParser, type Element } from "@xmldom/xmldom";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { LineIndex, type Span } from "../syntax/span.js";
import { INPUT_SYNTAX } from "./yaml.js";
import { MAX_INTEROP_DEPTH, MAX_INTEROP_FILE_BYTES, MAX_INTEROP_NODES } from "./limits.js";

export interface ParsedXml {
  readonly root: Element | undefined;
  readonly lines: LineIndex;
  readonly diagnostics: Diagnostic[];
}

/** The span of an element's start tag name (`<interface` → `interface`), from xmldom's line and column. */
export function elementSpan(element: Element, lines: LineIndex): Span {
  const line = (element as unknown as { lineNumber?: number }).lineNumber ?? 1;
  const column = (element as unknown as { columnNumber?: number }).columnNumber ?? 1;
  const start = lines.lineStart(line) + column - 1;
  // xmldom points at `<`; the name follows it.
  const nameStart = lines.text[start] === "<" ? start + 1 : start;
  return lines.span(nameStart, nameStart + element.tagName.length);
}

/** The span of an attribute's value (inside its quotes), found after the element's start; else the element's. */
export function attributeSpan(element: Element, name: string, lines: LineIndex): Span {
  const at = elementSpan(element, lines);
  const close = lines.text.indexOf(">", at.end);
  const tag = lines.text.slice(at.end, close === -1 ? undefined : close);
  const match = new RegExp(`\\s${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*=\\s*(["'])`).exec(tag);
  if (match === null) return at;
  const start = at.end + match.index + match[0].length;
  const end = lines.text.indexOf(match[1]!, start);
  return lines.span(start, end === -1 ? start : end);
}

export function parseXml(text: string, file: string): ParsedXml {
  const lines = new LineIndex(file, text);
  const diagnostics: Diagnostic[] = [];
  const fail = (start: number, message: string, help: string): ParsedXml => {
    diagnostics.push(diagnostic(INPUT_SYNTAX, "error", lines.span(start, start), message, { help }));
    return { root: undefined, lines, diagnostics };
  };
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_INTEROP_FILE_BYTES) return fail(0, `the file is ${bytes} bytes, over the ${MAX_INTEROP_FILE_BYTES}-byte limit`, "split it into several files");
  const doctype = /<!(DOCTYPE|ENTITY)/i.exec(text);
  if (doctype !== null) {
    return fail(doctype.index, `XML: a document type declaration (<!${doctype[1]}) is not accepted`, "libvirt never writes one: remove it (sriovc reads no DTD, fetches no external entity and expands no entity of its own)");
  }
  let firstError: { message: string; line?: number; column?: number } | undefined;
  const parser = new DOMParser({
    onError: (level, message, context) => {
      const locator = (context as { locator?: { lineNumber?: number; columnNumber?: number } } | undefined)?.locator;
      if (level !== "warning" && firstError === undefined) firstError = { message, line: locator?.lineNumber, column: locator?.columnNumber };
    },
  });
  let root: Element | undefined;
  try {
    const doc = parser.parseFromString(text, "text/xml");
    root = doc.documentElement ?? undefined;
  } catch (error) {
    firstError ??= { message: (error as Error).message };
  }
  if (firstError !== undefined) {
    const start = firstError.line === undefined ? 0 : lines.lineStart(firstError.line) + (firstError.column ?? 1) - 1;
    let said = firstError.message.split("\n")[0]!.replace(/^\[xmldom [^\]]*\]\s*/, "");
    // xmldom reports some malformed elements through an exception of its own ("element parse error:
    // TypeError: …"): say what it means for the user, not the library's internals.
    if (/\b(TypeError|RangeError|ReferenceError)\b/.test(said)) said = "malformed element";
    return fail(start, `XML: ${said}`, "fix the XML; nothing of this file is read");
  }
  if (root === undefined) return fail(0, "XML: the file has no root element", "give a libvirt domain, network or node device");
  // Depth and size, counted once over the tree.
  let count = 0;
  const walk = (element: Element, depth: number): string | undefined => {
    if (depth > MAX_INTEROP_DEPTH) return `nested more than ${MAX_INTEROP_DEPTH} elements deep`;
    if (++count > MAX_INTEROP_NODES) return `more than ${MAX_INTEROP_NODES} elements`;
    for (let child = element.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType === 1) {
        const problem = walk(child as Element, depth + 1);
        if (problem !== undefined) return problem;
      }
    }
    return undefined;
  };
  const problem = walk(root, 0);
  if (problem !== undefined) return fail(0, `XML: ${problem}`, "libvirt XML nests about 6 deep: this is not libvirt XML");
  return { root, lines, diagnostics };
}

/** Element children with a tag name, in document order. */
export function children(element: Element | undefined, tag?: string): Element[] {
  const out: Element[] = [];
  if (element === undefined) return out;
  for (let child = element.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === 1 && (tag === undefined || (child as Element).tagName === tag)) out.push(child as Element);
  }
  return out;
}

export function child(element: Element | undefined, tag: string): Element | undefined {
  return children(element, tag)[0];
}

export function text(element: Element | undefined): string | undefined {
  const value = element?.textContent?.trim();
  return value === undefined || value === "" ? undefined : value;
}

export function attr(element: Element | undefined, name: string): string | undefined {
  if (element === undefined || !element.hasAttribute(name)) return undefined;
  return element.getAttribute(name) ?? undefined;
}
