/**
 * The formatter's view of the AST: which children each node has (for prettier's comment attachment and
 * for parent lookups), and where a block's `{` or a call's `(` is. Children are listed per kind, so
 * attachment never walks spans or other plain data and stays linear in the size of the file.
 */
import type * as A from "../syntax/ast.js";

/** The AST nodes prettier sees; a comment carries `value` too because prettier's own errors print it. */
export type FormatNode = A.SourceFile | A.TopLevel | A.Member | A.Expr | A.NamePattern | A.Identifier;
/** `marker` is "kind" on a block comment between `template` and the block kind, printed there (comments.ts). */
export type FormatComment = A.Comment & { value: string; leading?: boolean; trailing?: boolean; printed?: boolean; marker?: string };

/** The marker of a comment between `template` and the block kind. */
export const KIND_MARKER = "kind";

export function childNodes(node: FormatNode): FormatNode[] {
  switch (node.kind) {
    case "File":
      return [...node.items];
    case "Import":
      return [node.path];
    case "Template":
      return [node.name, ...node.members];
    case "Block": {
      const header: FormatNode[] = [];
      if (node.name) header.push(node.name);
      if (node.template) header.push(node.template);
      return [...header, ...node.members];
    }
    case "Attribute":
      return [node.name, node.value];
    case "NamePattern":
      return node.range ? [node.base, node.range.from, node.range.to] : [node.base];
    case "Range":
      return [node.from, node.to];
    case "List":
      return [...node.items];
    case "Call":
      return [node.callee, ...node.args];
    case "Ref":
      return [...node.segments];
    case "Identifier":
    case "Number":
    case "Quantity":
    case "String":
    case "Mac":
    case "Pci":
    case "Boolean":
    case "Auto":
      return [];
  }
}

/** Keys under which `childNodes` finds the children (prettier's `getVisitorKeys`). */
export function visitorKeys(node: { kind?: string }): string[] {
  switch (node.kind) {
    case "File":
      return ["items"];
    case "Import":
      return ["path"];
    case "Template":
      return ["name", "members"];
    case "Block":
      return ["name", "template", "members"];
    case "Attribute":
      return ["name", "value"];
    case "NamePattern":
      return ["base", "range"];
    case "Range":
      return ["from", "to"];
    case "List":
      return ["items"];
    case "Call":
      return ["callee", "args"];
    case "Ref":
      return ["segments"];
    case undefined:
      // The `range` of a name pattern: a plain pair of numbers.
      return ["from", "to"];
    default:
      return [];
  }
}

/** Each node's parent, built once per parse: comment handlers climb to the enclosing statement. */
export function parentsOf(root: A.SourceFile): WeakMap<object, FormatNode> {
  const parents = new WeakMap<object, FormatNode>();
  const stack: FormatNode[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    for (const child of childNodes(node)) {
      parents.set(child, node);
      stack.push(child);
    }
  }
  return parents;
}

/** Skips whitespace and comments from `from`; the offset of the next significant character. */
export function skipTrivia(text: string, from: number): number {
  let at = from;
  for (;;) {
    const c = text.charCodeAt(at);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      at++;
    } else if (c === 47 && text.charCodeAt(at + 1) === 47) {
      while (at < text.length && text.charCodeAt(at) !== 10 && text.charCodeAt(at) !== 13) at++;
    } else if (c === 47 && text.charCodeAt(at + 1) === 42) {
      const close = text.indexOf("*/", at + 2);
      at = close < 0 ? text.length : close + 2;
    } else {
      return at;
    }
  }
}

/** Offset of a block's `{` (the first significant character after its header). */
export function bodyOpen(node: A.Block | A.Template, text: string): number {
  const headerEnd = node.kind === "Template" ? node.name.span.end : ((node.template ?? node.name)?.span.end ?? node.keywordSpan.end);
  return skipTrivia(text, headerEnd);
}

/** Offset of a call's `(`. */
export function argumentsOpen(node: A.CallExpr, text: string): number {
  return skipTrivia(text, node.callee.span.end);
}
