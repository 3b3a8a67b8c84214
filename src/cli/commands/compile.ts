/**
 * `sriovc compile FILE [-o OUT] [--emit ir|js|dot|mermaid]`: compile through the driver (exit 1 on check
 * errors; check's warnings to standard error), then emit.
 * Emitters are one table: a new output (dot, mermaid) is one entry. Writes are atomic.
 */
import { Option, type Command } from "commander";
import { emitJsProgram, loadSimulatorRuntime } from "../../lower/emit-js.js";
import { emitDot } from "../../lower/graph-dot.js";
import { emitMermaid } from "../../lower/graph-mermaid.js";
import type { Ir } from "../../lower/ir.js";
import { terminalSafeJson } from "../../diagnostics/render/terminal-text.js";
import { UsageError } from "../errors.js";
import { writeOutput } from "../io.js";
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
    description: "a standalone ES module: node OUT.mjs [--seed N] [--duration D] [--json]",
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

export function register(program: Command): void {
  program
    .command("compile")
    .description("check and lower a topology; write its IR, a standalone simulation program (js) or a graph (dot, mermaid)")
    .argument("<file>", "a .sriov file (- for standard input), or an IR .json file")
    .option("-o, --output <path>", "write here (atomically) instead of standard output")
    .addOption(new Option("--emit <kind>", "what to write").choices(Object.keys(EMITTERS)).default("ir"))
    .option("--config <path>", "configuration file (default: sriovc.json in the working directory or a parent)")
    .option("--verbose", "print every warning of 'sriovc check', not one line per rule")
    .action(async (file: string, options: CompileOptions, command: Command) => {
      const globals = command.optsWithGlobals<CompileOptions>();
      const emitter = EMITTERS[options.emit];
      if (!emitter) throw new UsageError(`unknown --emit '${options.emit}'`);
      const text = emitter.emit((await readTopology(file, globals)).ir);
      // Raw DEL and C1 characters from names are written as \u escapes: the same value in JSON and
      // JavaScript, and nothing a terminal would obey.
      writeOutput(options.output, terminalSafeJson(text));
    });
}
