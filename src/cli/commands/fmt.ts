/**
 * `sriovc fmt [paths...] [--check] [--write]`: format with the project's prettier plugin, with the options
 * prettier's CLI would resolve for each file (`.prettierrc`, `.editorconfig`), so the output is byte for
 * byte prettier's. A file with syntax errors is never rewritten: its errors go to standard error.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { Command } from "commander";
import { renderPretty } from "../../diagnostics/render/pretty.js";
import type { FormatOptions } from "../../format/format.js";
import type * as Formatter from "../../format/plugin.js";
import { displayPath, STDIN_PATH } from "../../semantics/loader.js";
import { parseSource, stripBom } from "../../syntax/parse.js";
import { ExitCode, UsageError } from "../errors.js";
import { expandInputs } from "../inputs.js";
import { readStdinIfNeeded, terminalWidth, useColor, writeFileAtomic, type GlobalOptions } from "../io.js";

interface FmtOptions extends GlobalOptions {
  check?: boolean;
  write?: boolean;
}

function readEntry(entry: string, stdin: string | undefined): string {
  if (entry === STDIN_PATH) return stdin ?? "";
  try {
    return readFileSync(entry, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "EISDIR" ? "it is a directory" : ((error as Error).message ?? String(error));
    throw new UsageError(`cannot read '${displayPath(entry, process.cwd())}': ${reason}`);
  }
}

/**
 * The formatter, through the package's own `sriovc/prettier` export. Loaded on demand, and by a specifier
 * the bundler leaves alone: bundled, its `import "prettier"` would be hoisted into every command's start.
 */
const FORMATTER_MODULE: string = "sriovc/prettier";
let formatter: Promise<typeof Formatter> | undefined;
function loadFormatter(): Promise<typeof Formatter> {
  formatter ??= import(FORMATTER_MODULE) as Promise<typeof Formatter>;
  return formatter;
}

/** A broken `.prettierrc` is the user's to fix (exit 2), not a bug in sriovc. */
async function formatOptionsFor(file: string): Promise<FormatOptions> {
  const { resolveFormatOptions } = await loadFormatter();
  try {
    return { ...(await resolveFormatOptions(file)), filepath: file };
  } catch (error) {
    throw new UsageError(`invalid prettier configuration for '${displayPath(file, process.cwd())}': ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function register(program: Command): void {
  program
    .command("fmt")
    .description("format .sriov files with the project's prettier plugin (same output as prettier)")
    .argument("[paths...]", ".sriov files or directories (searched recursively); - for standard input", ["."])
    .option("--check", "list the files that are not formatted; exit 1 if any")
    .option("--write", "rewrite the files in place (atomically)")
    .action(async (paths: string[], options: FmtOptions, command: Command) => {
      const globals = command.optsWithGlobals<FmtOptions>();
      if (options.check && options.write) throw new UsageError("use either --check or --write, not both");
      const cwd = process.cwd();
      const entries = expandInputs(paths, cwd);
      const stdin = await readStdinIfNeeded(entries);
      let failed = false;
      for (const entry of entries) {
        const shown = displayPath(entry, cwd);
        const text = readEntry(entry, stdin);
        const { diagnostics } = parseSource(stripBom(text), shown);
        const errors = diagnostics.filter((diagnostic) => diagnostic.severity === "error");
        if (errors.length > 0) {
          process.stderr.write(renderPretty(errors, 1, { color: useColor(globals, process.stderr), sources: new Map([[shown, stripBom(text)]]), width: terminalWidth(process.stderr) }));
          failed = true;
          continue;
        }
        const configPath = entry === STDIN_PATH ? path.join(cwd, "stdin.sriov") : entry;
        const formatted = await (await loadFormatter()).formatSource(text, await formatOptionsFor(configPath));
        if (options.check) {
          if (formatted !== text) {
            process.stdout.write(`${shown}\n`);
            failed = true;
          }
        } else if (options.write && entry !== STDIN_PATH) {
          if (formatted !== text) writeFileAtomic(entry, formatted);
        } else {
          process.stdout.write(formatted);
        }
      }
      if (failed) throw new ExitCode(1);
    });
}
