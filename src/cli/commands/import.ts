/**
 * `sriovc import FORMAT FILE… [-o OUT]`: read Kubernetes operator objects, libvirt XML or the host's own
 * sysfs and `ip link` output, and write a formatted `.sriov` program (src/interop/import). What could not
 * be mapped is printed as located warnings; input errors exit 1 after printing them.
 */
import { hostname } from "node:os";
import * as path from "node:path";
import { Argument, type Command } from "commander";
import { renderPretty } from "../../diagnostics/render/pretty.js";
import { IMPORT_FORMATS, type ImportFormat } from "../../interop/formats.js";
import { configureDiagnostics } from "../../rules/registry.js";
import { loadConfig } from "../config.js";
import { ExitCode, UsageError } from "../errors.js";
import { loadFormatter } from "../formatter.js";
import { MAX_INTEROP_FILE_BYTES } from "../../interop/limits.js";
import { STDIN_PATH } from "../../semantics/loader.js";
import { readStdin, useColor, writeOutput, type GlobalOptions } from "../io.js";

interface ImportOptions extends GlobalOptions {
  output?: string;
  config?: string;
  host?: string;
  sysfs?: string;
  ipLink?: string;
}

export function register(program: Command): void {
  program
    .command("import")
    .description("write a .sriov program from Kubernetes SR-IOV operator objects (k8s), libvirt XML (libvirt) or this machine's sysfs (host)")
    .addArgument(new Argument("<format>", "k8s, libvirt or host").choices(IMPORT_FORMATS))
    .argument("[files...]", "input files (k8s: YAML/JSON, libvirt: XML, host: `ip -d link show` output); - for standard input")
    .option("-o, --output <path>", "write the program here (atomically) instead of standard output (- is standard output)")
    .option("--host <name>", "libvirt and host: the name of the host block")
    .option("--sysfs <dir>", "host: read this sysfs tree instead of /sys")
    .option("--ip-link <file>", "host: read this `ip -d link show` output (a file argument does the same)")
    .option("--config <path>", "configuration file (default: sriovc.json in the working directory or a parent)")
    .action(async (format: ImportFormat, given: string[], options: ImportOptions, command: Command) => {
      const globals = command.optsWithGlobals<ImportOptions>();
      const files = options.ipLink === undefined ? given : [...given, options.ipLink];
      // Rule severities (import-unmapped may be turned off); an invalid config is a usage error first.
      const config = loadConfig({ configPath: options.config });
      if (format !== "host" && files.length === 0) throw new UsageError(`import ${format} needs at least one file`);
      // The importers (and the YAML/XML parsers) load only for this command.
      const [{ readInteropEntries }, { importFiles }] = await Promise.all([import("../../interop/check/index.js"), import("../../interop/import/index.js")]);
      // Read with the size limit of src/interop/limits.ts, before anything is parsed; `-` is standard input.
      // Each file once, as check reads it (src/cli/inputs.ts): a file named twice (`*.yaml state.yaml`)
      // would give every object, and so every PF, twice.
      const entries = [...new Set(files.map((file) => (file === "-" ? STDIN_PATH : path.resolve(file))))];
      const stdin = entries.includes(STDIN_PATH) ? await readStdin(MAX_INTEROP_FILE_BYTES) : undefined;
      const read = readInteropEntries(entries, process.cwd(), undefined, stdin);
      const unreadable = read.entryErrors[0];
      if (unreadable !== undefined) throw new UsageError(`cannot read '${files.find((f) => path.resolve(f) === path.resolve(unreadable.path)) ?? unreadable.path}': ${unreadable.reason}`);
      const inputs = read.files;
      const sysfs = format === "host" ? (options.sysfs ?? (files.length === 0 ? "/sys" : undefined)) : undefined;
      // The live machine names itself; a captured tree or output is named by src/interop/import/host-name.ts.
      const host = options.host ?? (format === "host" && options.sysfs === undefined && files.length === 0 ? hostname() : undefined);
      const imported = importFiles(format, inputs, { ...(host === undefined ? {} : { host }), ...(sysfs === undefined ? {} : { sysfs }) });
      const sources = new Map(inputs.map((i) => [i.path, i.text]));
      const diagnostics = configureDiagnostics(imported.diagnostics, config.rules);
      if (diagnostics.length > 0) process.stderr.write(renderPretty(diagnostics, inputs.length, { color: useColor(globals), sources }));
      if (diagnostics.some((d) => d.severity === "error")) throw new ExitCode(1);
      const { formatSource } = await loadFormatter();
      writeOutput(options.output, await formatSource(imported.text));
    });
}
