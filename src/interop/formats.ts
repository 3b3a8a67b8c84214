/**
 * The import and emit formats, and which files `check` reads as one of them, by extension alone: the CLI decides
 * with this whether to load the YAML/XML readers at all (src/driver/entries.ts), and lists the formats
 * in its help without loading the importers and emitters.
 */
export const IMPORT_FORMATS = ["k8s", "libvirt", "host"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The format of a file by its extension: `.yaml`/`.yml`/`.json` → k8s, `.xml` → libvirt. */
export function formatOfPath(file: string): ImportFormat | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json")) return "k8s";
  if (lower.endsWith(".xml")) return "libvirt";
  return undefined;
}

/** A file that `check` reads as operator YAML/JSON or libvirt XML rather than `.sriov`. */
export function isInteropPath(file: string): boolean {
  return formatOfPath(file) !== undefined;
}

/**
 * What `compile` and `simulate` (and the API's `compile`/`simulate`) say of an operator or libvirt file they
 * were given: they lower `.sriov` programs, and the file's program is its import. Undefined for other files.
 */
export function notCompiledMessage(file: string): string | undefined {
  const format = formatOfPath(file);
  if (format === undefined) return undefined;
  const what = format === "k8s" ? "operator YAML/JSON" : "libvirt XML";
  return `'${file}' is ${what}, which compile and simulate do not read: \`sriovc import ${format} ${file} -o topology.sriov\` turns it into a .sriov file, and \`sriovc check ${file}\` checks it as it is`;
}

/** The deployable-config formats of `sriovc compile --emit` (./emit/index.ts has one emitter each). */
export const INTEROP_EMIT_FORMATS = ["k8s", "libvirt", "netplan"] as const;
export type InteropEmitFormat = (typeof INTEROP_EMIT_FORMATS)[number];
