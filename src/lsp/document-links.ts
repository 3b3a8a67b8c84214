/**
 * Document links: an `import`'s path, underlined and opened with Ctrl+click (Cmd+click) in the editor, as
 * terraform-ls links a module's source. Only a path that resolved to a file is a link: one that did not has
 * its `import-not-found` diagnostic instead, and a link there would open nothing.
 */
import type { DocumentLink, DocumentLinkParams } from "vscode-languageserver/node";
import type { FileContext } from "./context.js";
import { spanRange } from "./positions.js";

export function documentLinks(context: FileContext, _params: DocumentLinkParams): DocumentLink[] {
  const ast = context.ast;
  const file = context.file;
  if (ast === undefined || file === undefined) return [];
  const out: DocumentLink[] = [];
  for (const item of ast.items) {
    if (item.kind !== "Import") continue;
    const target = file.imports.find((i) => i.item === item)?.target;
    if (target === undefined) continue;
    const range = spanRange(item.path.span, context.frame);
    // The path between the quotes, as editors underline a link (a path string never spans lines).
    const quoted = item.path.raw.startsWith('"') && item.path.raw.endsWith('"') && item.path.raw.length >= 2;
    if (quoted) {
      range.start = { line: range.start.line, character: range.start.character + 1 };
      range.end = { line: range.end.line, character: range.end.character - 1 };
    }
    out.push({ range, target: context.project.uriOf(target), tooltip: `Open ${item.path.value}` });
  }
  return out;
}
