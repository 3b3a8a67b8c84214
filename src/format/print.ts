/**
 * The canonical layout of a `.sriov` file as a prettier doc: one attribute or block per line, 2-space
 * indent (prettier's `tabWidth`/`useTabs`), one blank line between top-level items (consecutive imports
 * keep at most one), at most one blank line kept between members, lists and call arguments on one line
 * when they fit in `printWidth` and one item per line otherwise (lists then end with a trailing comma;
 * calls cannot, the grammar has none). Literals print their `raw` text; an attribute's optional `;` is
 * dropped. Linear in the size of the file.
 */
import { doc, util, type AstPath, type Doc, type ParserOptions } from "prettier";
import type * as A from "../syntax/ast.js";
import { KIND_MARKER, type FormatComment, type FormatNode } from "./tree.js";

const { group, indent, line, softline, hardline, join, ifBreak, breakParent } = doc.builders;

type Print = (selector?: string | number | Array<string | number>) => Doc;
type Options = ParserOptions<FormatNode>;

type Commented = { comments?: FormatComment[] };

export function printComment(path: AstPath<FormatComment>): Doc {
  const comment = path.node;
  // Trailing spaces after a line comment are not kept (prettier trims line ends anyway).
  if (comment.style === "line") return comment.text.trimEnd();
  // A block comment spanning lines cannot share a line with what follows without changing the layout.
  return comment.text.includes("\n") ? [comment.text, breakParent] : comment.text;
}

function hasBlankLineBetween(text: string, from: number, to: number): boolean {
  let newlines = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      newlines++;
      if (newlines >= 2) return true;
    } else if (c !== 32 && c !== 9 && c !== 13) {
      newlines = 0;
    }
  }
  return false;
}

/** A comment inside an empty body, list or call (not one kept before a template's kind). */
function isDangling(comment: FormatComment): boolean {
  return !comment.leading && !comment.trailing && comment.marker !== KIND_MARKER;
}

function hasDangling(node: FormatNode): boolean {
  return ((node as Commented).comments ?? []).some(isDangling);
}

/** The block comments written between `template` and the block kind, each followed by a space. */
function printKindComments(path: AstPath<FormatNode>): Doc[] {
  const parts: Doc[] = [];
  if ((path.node as Commented).comments === undefined) return parts;
  path.each((commentPath) => {
    const comment = commentPath.node as unknown as FormatComment;
    if (comment.marker !== KIND_MARKER) return;
    comment.printed = true;
    parts.push(printComment(commentPath as unknown as AstPath<FormatComment>), " ");
  }, "comments");
  return parts;
}

/** Comments inside an empty body or list, one per line, a blank line kept where the source had one. */
function printDangling(path: AstPath<FormatNode>, options: Options): Doc[] {
  const parts: Doc[] = [];
  let previous: FormatComment | undefined;
  path.each((commentPath) => {
    const comment = commentPath.node as unknown as FormatComment;
    if (!isDangling(comment)) return;
    comment.printed = true;
    if (previous !== undefined) parts.push(hardline, hasBlankLineBetween(options.originalText, previous.span.end, comment.span.start) ? hardline : "");
    parts.push(printComment(commentPath as unknown as AstPath<FormatComment>));
    previous = comment;
  }, "comments");
  return parts;
}

/** Statements one per line; `blankAfter` says whether a blank line follows statement i. */
function printLines(path: AstPath<FormatNode>, print: Print, key: "members" | "items", blankAfter: (index: number) => boolean): Doc[] {
  const parts: Doc[] = [];
  path.each((_child, index, list: unknown[]) => {
    parts.push(print());
    if (index < list.length - 1) parts.push(hardline, blankAfter(index) ? hardline : "");
  }, key);
  return parts;
}

function printBody(path: AstPath<FormatNode>, options: Options, print: Print, members: readonly A.Member[]): Doc {
  const node = path.node;
  const dangling = hasDangling(node) ? printDangling(path, options) : [];
  if (members.length === 0 && dangling.length === 0) return "{}";
  const text = options.originalText;
  const lines: Doc[] = members.length > 0 ? printLines(path, print, "members", (index) => util.isNextLineEmpty(text, members[index]!.span.end)) : [];
  const inside = lines.length > 0 && dangling.length > 0 ? [...lines, hardline, ...dangling] : [...lines, ...dangling];
  return ["{", indent([hardline, ...inside]), hardline, "}"];
}

/** `[a, b]` or one item per line with a trailing comma; `f(a, b)` likewise but without one. */
function printSequence(
  path: AstPath<FormatNode>,
  options: Options,
  print: Print,
  key: "items" | "args",
  open: string,
  close: string,
  trailingComma: boolean,
  before: Doc = "",
): Doc {
  const node = path.node;
  const dangling = hasDangling(node) ? printDangling(path, options) : [];
  const items = path.map(() => print(), key);
  if (items.length === 0) {
    return dangling.length === 0 ? [before, open, close] : [before, open, indent([hardline, ...dangling]), hardline, close];
  }
  const tail = dangling.length > 0 ? [",", hardline, ...dangling] : trailingComma ? [ifBreak(",")] : [];
  return group([before, open, indent([softline, join([",", line], items), ...tail]), softline, close]);
}

function printFile(path: AstPath<FormatNode>, options: Options, print: Print, file: A.SourceFile): Doc {
  const dangling = hasDangling(file) ? printDangling(path, options) : [];
  const text = options.originalText;
  const items = file.items;
  const lines = printLines(path, print, "items", (index) => {
    const here = items[index]!;
    const next = items[index + 1]!;
    // Imports stay a group of lines; every other pair of top-level items has one blank line between.
    return here.kind !== "Import" || next.kind !== "Import" || util.isNextLineEmpty(text, here.span.end);
  });
  const all = lines.length > 0 && dangling.length > 0 ? [...lines, hardline, hardline, ...dangling] : [...lines, ...dangling];
  return all.length === 0 ? "" : [...all, hardline];
}

export function printNode(path: AstPath<FormatNode>, options: Options, print: Print): Doc {
  const node = path.node;
  switch (node.kind) {
    case "File":
      return printFile(path, options, print, node);
    case "Import":
      return ["import ", print("path")];
    case "Template":
      return ["template ", ...printKindComments(path), node.blockKind, " ", print("name"), " ", printBody(path, options, print, node.members)];
    case "Block":
      return [
        node.blockKind,
        node.name ? [" ", print("name")] : "",
        node.template ? [" : ", print("template")] : "",
        " ",
        printBody(path, options, print, node.members),
      ];
    case "Attribute":
      return [print("name"), " = ", print("value")];
    case "NamePattern":
      return node.range ? [print("base"), "[", print(["range", "from"]), "..", print(["range", "to"]), "]"] : print("base");
    case "Range":
      return [print("from"), "..", print("to")];
    case "List":
      return printSequence(path, options, print, "items", "[", "]", true);
    case "Call":
      // The name is inside the arguments' group: a line comment after it breaks the group, so it ends up
      // right after `(` rather than at the end of whatever follows the call on its line.
      return printSequence(path, options, print, "args", "(", ")", false, print("callee"));
    case "Ref":
      return join(
        ".",
        path.map(() => print(), "segments"),
      );
    case "Identifier":
      return node.name;
    case "Number":
    case "Quantity":
    case "String":
    case "Mac":
    case "Pci":
      return node.raw;
    case "Boolean":
      return node.value ? "true" : "false";
    case "Auto":
      return "auto";
  }
}
