/**
 * The formatter, through the package's own `sriovc/prettier` export, for the commands that format (`fmt`,
 * `import`). Loaded on demand, and by a specifier the bundler leaves alone: bundled, its `import "prettier"`
 * would be hoisted into every command's start (prettier is most of what `sriovc check` of a small file
 * would otherwise load: docs/PERFORMANCE.md).
 */
import type * as Formatter from "../format/plugin.js";

const FORMATTER_MODULE: string = "sriovc/prettier";
let formatter: Promise<typeof Formatter> | undefined;

export function loadFormatter(): Promise<typeof Formatter> {
  formatter ??= import(FORMATTER_MODULE) as Promise<typeof Formatter>;
  return formatter;
}
