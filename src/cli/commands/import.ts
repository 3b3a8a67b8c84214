/**
 * `sriovc import FORMAT FILE… [-o OUT]`: read Kubernetes operator objects, libvirt XML or the host's own
 * sysfs and `ip link` output, and write a formatted `.sriov` program (src/interop/import). What could not
 * be mapped is printed as located warnings; input errors exit 1 after printing them.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { Argument, type Command } from "commander";
import { renderPretty } from "../../diagnostics/render/pretty.js";
import { formatSource } from "../../format/format.js";
import { importFiles, IMPORT_FORMATS, type ImportFormat } from "../../interop/import/index.js";
import { displayPath } from "../../semantics/loader.js";
import { ExitCode, UsageError } from "../errors.js";
import { useColor, writeOutput, type GlobalOptions } from "../io.js";

interface ImportOptions extends GlobalOptions {
  output?: string;
  host?: string;
  sysfs?: string;
  ipLink?: string[];
}

export function register(program: Command): void {
  program
    .command("import")
    .description("write a .sriov program from Kubernetes SR-IOV operator objects (k8s), libvirt XML (libvirt) or this machine's sysfs (host)")
    .addArgument(new Argument("<format>", "k8s, libvirt or host").choices(IMPORT_FORMATS))
    .argument("[files...]", "input files (k8s: YAML/JSON, libvirt: XML, host: `ip -d link show` output)")
    .option("-o, --output <path>", "write the program here (atomically) instead of standard output")
    .option("--host <name>", "libvirt and host: the name of the host block")
    .option("--sysfs <dir>", "host: read this sysfs tree instead of /sys")
    .action(async (format: ImportFormat, files: string[], options: ImportOptions, command: Command) => {
      const globals = command.optsWithGlobals<ImportOptions>();
      if (format !== "host" && files.length === 0) throw new UsageError(`import ${format} needs at least one file`);
      const cwd = process.cwd();
      const inputs = files.map((file) => {
        try {
          return { path: displayPath(path.resolve(file), cwd), text: readFileSync(file, "utf8").replace(/^\uFEFF/, "") };
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          throw new UsageError(`cannot read '${file}': ${code === "ENOENT" ? "no such file" : (code ?? "unreadable")}`);
        }
      });
      const sysfs = format === "host" ? (options.sysfs ?? (files.length === 0 ? "/sys" : undefined)) : undefined;
      const imported = importFiles(format, inputs, { ...(options.host === undefined ? {} : { host: options.host }), ...(sysfs === undefined ? {} : { sysfs }) });
      const sources = new Map(inputs.map((i) => [i.path, i.text]));
      if (imported.diagnostics.length > 0) process.stderr.write(renderPretty(imported.diagnostics, inputs.length, { color: useColor(globals), sources }));
      if (imported.diagnostics.some((d) => d.severity === "error")) throw new ExitCode(1);
      writeOutput(options.output, await formatSource(imported.text));
    });
}
