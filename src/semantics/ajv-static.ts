/**
 * ajv-on-demand.ts for the VS Code extension's self-contained server bundle: ajv bundled in. The `.vsix`
 * has no node_modules, so the on-demand `require` would find nothing the first time a `sriovc.json` is
 * read; scripts/package-vscode.mjs swaps this module in, as it does the formatter's.
 */
import { Ajv2020 } from "ajv/dist/2020.js";

/** `new Ajv2020(options)`. */
export function newAjv2020(options: ConstructorParameters<typeof Ajv2020>[0]): Ajv2020 {
  return new Ajv2020(options);
}
