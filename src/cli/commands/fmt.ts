/**
 * `sriovc fmt [paths...] [--check] [--write]`: format with the project's prettier plugin, with the options
 * prettier's CLI would resolve for each file (`.prettierrc`, `.editorconfig`), so a file's output is byte for
 * byte prettier's. Several files printed are each headed by their name, `==> a.sriov <==` (FORMATTING.md).
 * A file with syntax errors is never rewritten: its errors go to standard error.
 */
import * as path from "node:path";
import type { Command } from "commander";
import { renderPretty } from "../../diagnostics/render/pretty.js";
import { escapeControls } from "../../diagnostics/render/terminal-text.js";
import type { FormatOptions } from "../../format/format.js";
import { invalidFormatConfig } from "../../format/config-error.js";
import { displayPath, parseDecoded, STDIN_PATH } from "../../semantics/loader.js";
import { decodeUtf8, describeUnreadable, readUntrustedFile, type DecodedText } from "../../semantics/untrusted-file.js";
import { isInteropPath } from "../../interop/formats.js";
import { ExitCode, UsageError } from "../errors.js";
import { loadFormatter } from "../formatter.js";
import { expandInputs } from "../inputs.js";
import { readStdinIfNeeded, terminalWidth, useColor, writeFileOrFail, type GlobalOptions } from "../io.js";

interface FmtOptions extends GlobalOptions {
  check?: boolean;
  write?: boolean;
}

/** A file's bytes decoded (regular files only, never blocking, size-limited); a failure is a usage error. */
function readEntry(entry: string, stdin: Uint8Array | undefined): DecodedText {
  if (entry === STDIN_PATH) return decodeUtf8(stdin ?? new Uint8Array());
  const read = readUntrustedFile(entry);
  if (!read.ok) throw new UsageError(`cannot read '${displayPath(entry, process.cwd())}': ${describeUnreadable(read.reason)}`);
  return read;
}

/** A broken `.prettierrc` is the user's to fix (exit 2), not a bug in sriovc. */
async function formatOptionsFor(file: string): Promise<FormatOptions> {
  const { resolveFormatOptions } = await loadFormatter();
  try {
    return { ...(await resolveFormatOptions(file)), filepath: file };
  } catch (error) {
    throw new UsageError(invalidFormatConfig(displayPath(file, process.cwd()), error));
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
      let writeFailed = false;
      // Printed to standard output, several files are told apart as head(1) does (FORMATTING.md): one file
      // alone is its formatted text only, byte for byte prettier's, for a pipe or a redirect.
      const headed = !options.check && !options.write && entries.length > 1;
      let printed = 0;
      for (const entry of entries) {
        const shown = displayPath(entry, cwd);
        if (entry !== STDIN_PATH && isInteropPath(entry)) {
          // Operator YAML/JSON and libvirt XML are checked in place, never formatted as `.sriov` text.
          process.stderr.write(`sriovc: '${escapeControls(shown)}' is not a .sriov file: fmt formats .sriov files (sriovc check reads operator YAML/JSON and libvirt XML)\n`);
          writeFailed = true;
          continue;
        }
        const decoded = readEntry(entry, stdin);
        const { text } = decoded;
        // Invalid UTF-8 is a syntax error too: a file is never rewritten with its bytes replaced.
        const parsed = parseDecoded(decoded, shown);
        const errors = parsed.diagnostics.filter((diagnostic) => diagnostic.severity === "error");
        if (errors.length > 0) {
          process.stderr.write(renderPretty(errors, 1, { color: useColor(globals, process.stderr), sources: new Map([[shown, parsed.text]]), width: terminalWidth(process.stderr) }));
          failed = true;
          continue;
        }
        const configPath = entry === STDIN_PATH ? path.join(cwd, "stdin.sriov") : entry;
        const formatted = await (await loadFormatter()).formatSource(text, await formatOptionsFor(configPath));
        if (options.check) {
          if (formatted !== text) {
            process.stdout.write(`${escapeControls(shown)}\n`);
            failed = true;
          }
        } else if (options.write && entry !== STDIN_PATH) {
          if (formatted !== text) {
            try {
              writeFileOrFail(entry, formatted, { shown });
            } catch (error) {
              // One file that cannot be written does not stop the others; the run ends with exit 2.
              if (!(error instanceof UsageError)) throw error;
              process.stderr.write(`sriovc: ${escapeControls(error.message)}\n`);
              writeFailed = true;
            }
          }
        } else {
          if (headed) process.stdout.write(`${printed > 0 ? "\n" : ""}==> ${escapeControls(shown)} <==\n`);
          process.stdout.write(formatted);
          printed++;
        }
      }
      if (writeFailed) throw new ExitCode(2);
      if (failed) throw new ExitCode(1);
    });
}
