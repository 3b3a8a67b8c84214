/**
 * `sriovc compile FILE [-o OUT] [--emit ir|js|dot|mermaid|k8s|libvirt|netplan]`: compile through the driver
 * (exit 1 on check errors; check's warnings to standard error), then emit.
 * Emitters are one table: a new output (dot, mermaid) is one entry; deployable config (k8s, libvirt,
 * netplan: src/interop/emit) is a second table whose emitters may write several files. Writes are atomic.
 */
import { mkdirSync, statSync, type Stats } from "node:fs";
import * as path from "node:path";
import { Option, type Command } from "commander";
import { INTEROP_EMIT_FORMATS, type InteropEmitFormat } from "../../interop/formats.js";
import { emitJsProgram, loadSimulatorRuntime } from "../../lower/emit-js.js";
import { emitDot } from "../../lower/graph-dot.js";
import { emitMermaid } from "../../lower/graph-mermaid.js";
import type { Ir } from "../../lower/ir.js";
import { terminalSafeJson } from "../../diagnostics/render/terminal-text.js";
import { UsageError } from "../errors.js";
import { isInside } from "../../syntax/paths.js";
import { writeFileOrFail, writeOutput } from "../io.js";
import { wordsFor } from "../write-file.js";
import { readTopology, type TopologyOptions } from "../topology-input.js";
import { VERSION } from "../version.js";

export interface Emitter {
  readonly description: string;
  emit(ir: Ir): string;
}

export const EMITTERS: Record<string, Emitter> = {
  ir: {
    description: "the normalized topology as JSON (schema/ir.schema.json)",
    emit: (ir) => `${JSON.stringify(ir, null, 2)}\n`,
  },
  js: {
    description: "a standalone ES module: node OUT.mjs [--seed N] [--duration D] [--event-budget N] [--json]",
    emit: (ir) => {
      const runtime = loadSimulatorRuntime();
      if (runtime === undefined) throw new Error("the simulator runtime (dist/runtime/simulator.js) is missing: this sriovc was not built with 'npm run build'");
      return emitJsProgram(ir, runtime, VERSION);
    },
  },
  dot: {
    description: "the topology as a Graphviz graph (dot -Tsvg OUT.dot > OUT.svg)",
    emit: emitDot,
  },
  mermaid: {
    description: "the topology as a Mermaid flowchart",
    emit: emitMermaid,
  },
};

interface CompileOptions extends TopologyOptions {
  output?: string;
  emit: string;
}

/** `-o DIR/` or an existing directory: write one file per emitted document under it. */
function isDirectoryTarget(output: string): boolean {
  if (output.endsWith("/")) return true;
  try {
    return statSync(output).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The directories a file under `-o DIR/` goes in. mkdir's failures (a file where a host's directory goes,
 * no permission) are usage errors naming the file, as writing it would be, not internal errors.
 */
function makeDirectoryFor(target: string): void {
  const fail = (code: string, directory: string): never => {
    // ENOENT with the parent there: a file system (procfs, sysfs) that makes no directories.
    const reason = code === "ENOENT" ? `the directory '${directory}' cannot be made there (ENOENT)` : (wordsFor(code) ?? code);
    throw new UsageError(`cannot write '${target}': ${reason}`);
  };
  // The missing directories, innermost first, up to the first that exists. Not mkdir's `recursive`:
  // under /proc, where mkdir says ENOENT of a directory whose parent exists, Node's retries forever.
  const missing: string[] = [];
  for (let at = path.resolve(path.dirname(target)); ; at = path.dirname(at)) {
    const found = statOrCode(at);
    if (typeof found !== "string") {
      if (!found.isDirectory()) fail("ENOTDIR", at);
      break;
    }
    // Another failure (EACCES): mkdir below, or the write, says it.
    if (found !== "ENOENT" && found !== "ENOTDIR") break;
    missing.push(at);
    if (path.dirname(at) === at) break;
  }
  for (const directory of missing.reverse()) {
    try {
      mkdirSync(directory);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === undefined) throw error;
      fail(code, directory);
    }
  }
}

/** What stat says of a path, or the code of its failure. */
function statOrCode(file: string): Stats | string {
  try {
    return statSync(file);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? "EIO";
  }
}

export function register(program: Command): void {
  program
    .command("compile")
    .description("check and lower a topology; write its IR, a standalone simulation program (js), a graph (dot, mermaid) or deployable config (k8s, libvirt, netplan)")
    .argument("<file>", "a .sriov file, or an IR .json file; - for standard input (IR when it starts with {)")
    .option("-o, --output <path>", "write here (atomically) instead of standard output (- is standard output)")
    .addOption(new Option("--emit <kind>", "what to write").choices([...Object.keys(EMITTERS), ...INTEROP_EMIT_FORMATS]).default("ir"))
    .option("--config <path>", "configuration file (default: sriovc.json in the file's directory or the nearest parent)")
    .option("--verbose", "print every warning and info of 'sriovc check', not one line per rule")
    .action(async (file: string, options: CompileOptions, command: Command) => {
      const globals = command.optsWithGlobals<CompileOptions>();
      if ((INTEROP_EMIT_FORMATS as readonly string[]).includes(options.emit)) {
        // Deployable config (src/interop/emit, loaded only here): warnings for what the format cannot say go
        // to stderr; several files go under -o DIR (an existing directory or a path ending in /), else one stream.
        const { INTEROP_EMITTERS, joinFiles, renderWarnings } = await import("../../interop/emit/index.js");
        const emitted = INTEROP_EMITTERS[options.emit as InteropEmitFormat].emit((await readTopology(file, globals)).ir, file);
        process.stderr.write(renderWarnings(emitted.warnings));
        const output = options.output;
        if (output !== undefined && isDirectoryTarget(output)) {
          for (const f of emitted.files) {
            const target = path.join(output, f.path);
            // File names come from the topology's names: they must stay under the output directory.
            if (!isInside(path.resolve(target), path.resolve(output))) throw new UsageError(`cannot write '${f.path}': it is outside '${output}'`);
            makeDirectoryFor(target);
            writeFileOrFail(target, f.text, { refuseInputs: true });
          }
        } else writeOutput(output, joinFiles(emitted.files));
        return;
      }
      const emitter = EMITTERS[options.emit];
      if (!emitter) throw new UsageError(`unknown --emit '${options.emit}'`);
      const text = emitter.emit((await readTopology(file, globals)).ir);
      // Raw DEL and C1 characters from names are written as \u escapes: the same value in JSON and
      // JavaScript, and nothing a terminal would obey.
      writeOutput(options.output, terminalSafeJson(text));
    });
}
