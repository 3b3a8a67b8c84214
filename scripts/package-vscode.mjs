// Builds the VS Code extension in editors/vscode/ and packs it into editors/vscode/sriov-<version>.vsix,
// offline: `npm run package:vscode` (after `npm run build`, which the npm script runs first).
// - dist/extension.js: the client (editors/vscode/src/extension.ts), CommonJS as VS Code loads it, `vscode` external.
// - dist/server/server.js: the language server (src/lsp/stdio.ts) with everything it imports, prettier
//   included, so the extension needs no global install. It sits two levels below the extension root, as
//   dist/cli/bin.js sits below the package root, so its `new URL("../../data/…", import.meta.url)` lookups
//   find the copies of data/, schema/, docs/rules/ and dist/validators/ made here.
// - syntaxes/: the TextMate grammar, copied from grammar/ (its one source).
// Then `vsce package --no-dependencies`: the bundles hold the dependencies; .vscodeignore keeps the rest out.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const extension = join(root, "editors/vscode");
const manifest = JSON.parse(readFileSync(join(extension, "package.json"), "utf8"));

for (const generated of ["dist", "syntaxes", "schema", "data", "docs"]) rmSync(join(extension, generated), { recursive: true, force: true });

const common = { bundle: true, platform: "node", target: "node20", legalComments: "none", minifyWhitespace: true, minifySyntax: true, logLevel: "warning" };
await build({
  ...common,
  entryPoints: [join(extension, "src/extension.ts")],
  outfile: join(extension, "dist/extension.js"),
  format: "cjs",
  external: ["vscode"],
});
await build({
  ...common,
  entryPoints: [join(root, "src/lsp/stdio.ts")],
  outfile: join(extension, "dist/server/server.js"),
  format: "esm",
  // The CLI loads the formatter (through the package's `sriovc/prettier` export) and ajv (from node_modules)
  // on demand; the extension has no package or node_modules to load them from, so the server bundle takes
  // the modules that import them statically.
  plugins: [
    {
      name: "static-formatter-and-ajv",
      setup(build) {
        build.onResolve({ filter: /formatter-module\.js$/ }, () => ({ path: join(root, "src/lsp/formatter-static.ts") }));
        // Likewise ajv, which the CLI requires from node_modules the first time it compiles a schema.
        build.onResolve({ filter: /ajv-on-demand\.js$/ }, () => ({ path: join(root, "src/semantics/ajv-static.ts") }));
      },
    },
  ],
  banner: { js: 'import { createRequire as __sriovcCreateRequire } from "node:module";\nconst require = __sriovcCreateRequire(import.meta.url);' },
});
// An ES module bundle inside a CommonJS extension package: mark its folder as ESM.
writeFileSync(join(extension, "dist/server/package.json"), '{ "type": "module" }\n');

mkdirSync(join(extension, "syntaxes"), { recursive: true });
cpSync(join(root, "grammar/sriov.tmLanguage.json"), join(extension, "syntaxes/sriov.tmLanguage.json"));
// The language server never reads a report (only `sriovc merge` reads partial reports): their schemas and validator stay out.
const CLI_ONLY = new Set(["partial-report.schema.json", "report.schema.json", "partial-report.cjs"]);
cpSync(join(root, "schema"), join(extension, "schema"), { recursive: true, filter: (source) => !CLI_ONLY.has(basename(source)) });
cpSync(join(root, "data"), join(extension, "data"), { recursive: true });
cpSync(join(root, "docs/rules"), join(extension, "docs/rules"), { recursive: true });
// The precompiled validators require ajv's runtime helpers: bundle each one so the extension needs no node_modules.
for (const name of readdirSync(join(root, "dist/validators")).filter((f) => f.endsWith(".cjs") && !CLI_ONLY.has(f))) {
  await build({ ...common, entryPoints: [join(root, "dist/validators", name)], outfile: join(extension, "dist/validators", name), format: "cjs" });
}

const vsce = createRequire(import.meta.url).resolve("@vscode/vsce/vsce");
const out = join(extension, `${manifest.name}-${manifest.version}.vsix`);
execFileSync(process.execPath, [vsce, "package", "--no-dependencies", "--skip-license", "--out", out], { cwd: extension, stdio: "inherit" });
