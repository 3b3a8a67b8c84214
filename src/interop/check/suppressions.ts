/**
 * Suppression comments in operator YAML and libvirt XML, with the meaning they have in `.sriov` files
 * (docs/LANGUAGE.md "Suppressions"): `# sriovc-disable-next-line rule-id[, rule-id]` in YAML,
 * `<!-- sriovc-disable-next-line rule-id -->` in XML, and `sriovc-disable` for the whole file. Each
 * directive is handed to the `.sriov` suppression code as the `//` comment it stands for, at the same
 * offsets, so unknown, stale and misplaced directives are reported alike (`unused-suppression`).
 */
import type { Comment, SourceFile } from "../../syntax/ast.js";
import { LineIndex } from "../../syntax/span.js";

/** `# sriovc-…` (YAML) or `<!-- sriovc-… -->` (XML): the directive, with where its `//` form starts. */
const YAML_DIRECTIVE = /(^|[ \t])# (sriovc-disable(?:-next-line)?\b[^\n]*)$/gm;
const XML_DIRECTIVE = /<!--( sriovc-disable(?:-next-line)?\b.*?)-->/g;

/** The directives of one YAML or XML file as a `.sriov` file's line comments (a file with no declarations). */
export function directiveFile(path: string, text: string): SourceFile {
  const lines = new LineIndex(path, text);
  const comments: Comment[] = [];
  if (path.toLowerCase().endsWith(".xml")) {
    for (const m of text.matchAll(XML_DIRECTIVE)) {
      // `<!-- x` → `// x`: the two characters before the space become `//`, so offsets line up.
      const start = m.index + 2;
      const body = m[1]!.trimEnd();
      comments.push({ kind: "Comment", style: "line", text: `//${body}`, span: lines.span(start, start + 2 + body.length) });
    }
  } else {
    for (const m of text.matchAll(YAML_DIRECTIVE)) {
      // `# x` → `//x`: same length, same offsets.
      const start = m.index + m[1]!.length;
      const body = m[2]!.trimEnd();
      comments.push({ kind: "Comment", style: "line", text: `//${body}`, span: lines.span(start, start + 2 + body.length) });
    }
  }
  return { kind: "File", file: path, items: [], comments, span: lines.span(0, text.length) };
}
