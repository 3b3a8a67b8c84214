/**
 * The `sriovc` binary: a commander program; each command lives in ./commands/<name>.ts. This file maps
 * outcomes to exit codes (README "Commands"): 0 ok, 1 input has errors, 2 usage or internal error — never a stack
 * trace for a usage error; an internal error says it is a bug and how to report it.
 */
import { Command, CommanderError } from "commander";
import * as check from "./commands/check.js";
import * as compile from "./commands/compile.js";
import * as explain from "./commands/explain.js";
import * as fmt from "./commands/fmt.js";
import * as importCommand from "./commands/import.js";
import * as lsp from "./commands/lsp.js";
import * as merge from "./commands/merge.js";
import * as rules from "./commands/rules.js";
import * as simulate from "./commands/simulate.js";
import { escapeControls, escapeControlsKeepingLines } from "../diagnostics/render/terminal-text.js";
import { ExitCode, UsageError } from "./errors.js";
import { refuseRepeatedValues } from "./repeated-options.js";
import { VERSION } from "./version.js";

const ISSUES_URL = "https://github.com/sriovc/sriovc/issues";

export function buildProgram(): Command {
  const program = new Command("sriovc")
    .description("Compiler and static analyzer for SR-IOV network topologies")
    .version(VERSION, "-V, --version")
    .option("--color", "force coloured output")
    .option("--no-color", "disable coloured output")
    .exitOverride()
    // Commander echoes what it could not parse (an argument may be a file name from the input).
    .configureOutput({ writeErr: (text) => process.stderr.write(escapeControlsKeepingLines(text)) })
    .showSuggestionAfterError(true);
  check.register(program);
  compile.register(program);
  simulate.register(program);
  merge.register(program);
  explain.register(program);
  rules.register(program);
  fmt.register(program);
  importCommand.register(program);
  lsp.register(program);
  for (const command of program.commands) command.exitOverride();
  for (const command of [program, ...program.commands]) refuseRepeatedValues(command);
  // `-o -` is standard output, as `-` is standard input for an input (`-o ./-` names a file called -).
  // Decided here, before any action runs, so that every command's "is there an output file" reads one value.
  program.hook("preAction", (_program, command) => {
    if (command.getOptionValue("output") === "-") command.setOptionValue("output", undefined);
    // An empty path (an unset shell variable) would resolve to the working directory, which each command
    // then reads as a directory, or as a file that is missing: said once here, for every command's files.
    const files = FILE_ARGUMENTS.get(command.name());
    if (files !== undefined && command.args.slice(files).includes("")) throw new UsageError("cannot read '': the path is empty");
  });
  return program;
}

/** The commands whose arguments name files, by the position of the first. */
const FILE_ARGUMENTS: ReadonlyMap<string, number> = new Map([
  ["check", 0],
  ["fmt", 0],
  ["compile", 0],
  ["simulate", 0],
  ["merge", 0],
  ["import", 1],
]);

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof ExitCode) return error.code;
    if (error instanceof CommanderError) {
      // --help and --version end through here with code 0; usage errors were already printed. Commander
      // shows the usage on stderr with exit code 1 for a missing or unknown command (`sriovc`, `sriovc help
      // frob`): a usage error, exit 2, so that `sriovc $EMPTY` cannot pass a CI job.
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.exitCode === 0) return 0;
      return 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`sriovc: ${escapeControlsKeepingLines(error.message)}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`sriovc: internal error: ${escapeControls(message)}\nThis is a bug in sriovc. Please report it at ${ISSUES_URL} with the command and input that caused it.\n`);
    if (process.env["SRIOVC_DEBUG"] && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return 2;
  }
}
