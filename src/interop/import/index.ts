/**
 * Files → an imported `.sriov` program: reads and parses the inputs of one format, runs its importer and
 * writes the program out with its origin map. Used by `sriovc import` (which formats the text) and by
 * `sriovc check` on YAML/JSON/XML files (which checks it and maps diagnostics back through the map).
 */
import { diagnostic, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { LineIndex, type Span } from "../../syntax/span.js";
import type { ImportFormat } from "../formats.js";
import { describeOutput, readOperatorObjects, type OperatorObject } from "../k8s/objects.js";
import { oneStatePerNode } from "../k8s/node-states.js";
import type { Located, LocatedScalar } from "../located.js";
import { writeProgram, type OriginEntry } from "../writer.js";
import { parseXml } from "../xml.js";
import { INPUT_SYNTAX, parseYaml } from "../yaml.js";
import { importHost, parseIpLink, readSysfs } from "./host.js";
import { hostNameOf } from "./host-name.js";
import { importOperatorObjects } from "./k8s.js";
import { importLibvirt, type LibvirtTarget, type NamedPf, type XmlInput } from "./libvirt.js";

export { formatOfPath, IMPORT_FORMATS, type ImportFormat } from "../formats.js";

export interface InputFile {
  /** Display path (as diagnostics show it). */
  readonly path: string;
  readonly text: string;
}

export interface Imported {
  /** The `.sriov` text as written (unformatted; `sriovc import` formats it). */
  readonly text: string;
  readonly origins: OriginEntry[];
  /** Parse errors, unknown fields and unmapped constructs, located in the inputs. */
  readonly diagnostics: Diagnostic[];
  /** The operator objects read (k8s only), for the operator checks. */
  readonly objects: readonly OperatorObject[];
  /** The PFs the XML names (libvirt only), to find the `.sriov` host it runs on. */
  readonly pfs: readonly NamedPf[];
}

export interface ImportOptions {
  /** libvirt and host: the name of the host (default `kvm_host`; for host, ./host-name.ts). */
  readonly host?: string;
  /** host: a sysfs root (`/sys` or a captured copy). */
  readonly sysfs?: string;
  /** libvirt: the `.sriov` host the domains run on (check in place beside a `.sriov` program). */
  readonly target?: LibvirtTarget;
}

export function readOperatorFiles(files: readonly InputFile[]): { objects: OperatorObject[]; diagnostics: Diagnostic[] } {
  const objects: OperatorObject[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const described = describeOutput(file.text);
    if (described !== undefined) {
      const lines = new LineIndex(file.path, file.text);
      const start = file.text.split("\n").slice(0, described.line).reduce((n, l) => n + l.length + 1, 0);
      diagnostics.push(
        diagnostic(INPUT_SYNTAX, "error", lines.span(start, start + file.text.slice(start).split(/\r?\n/, 1)[0]!.length), `this is \`kubectl describe\` output of a ${described.kind}, not YAML: its lists lose their items`, {
          help: `give \`kubectl get ${described.kind.toLowerCase()}s NAME -o yaml\` instead`,
        }),
      );
      continue;
    }
    const parsed = parseYaml(file.text, file.path);
    diagnostics.push(...parsed.diagnostics);
    const read = readOperatorObjects(parsed.documents, (value) => parseEmbedded(file, value));
    objects.push(...read.objects);
    diagnostics.push(...read.diagnostics);
  }
  const perNode = oneStatePerNode(objects);
  return { objects: perNode.objects, diagnostics: [...diagnostics, ...perNode.diagnostics] };
}

/**
 * A document held in a YAML string (a ConfigMap's `config.json: |`), parsed where it stands: everything
 * else in the file is blanked (newlines kept), so every position is the file's own line and column. A
 * string in another style (quoted, folded) is parsed alone, and its findings point at the string.
 */
function parseEmbedded(file: InputFile, value: LocatedScalar): { documents: readonly Located[]; diagnostics: readonly Diagnostic[] } {
  const raw = file.text.slice(value.span.start, value.span.end);
  const header = /^\|[-+]?\d*[ \t]*(?:#[^\n]*)?\r?\n/.exec(raw);
  if (header !== null) {
    const from = value.span.start + header[0].length;
    const blank = (part: string): string => part.replace(/[^\n]/g, " ");
    const text = blank(file.text.slice(0, from)) + file.text.slice(from, value.span.end) + blank(file.text.slice(value.span.end));
    return parseYaml(text, file.path, { embedded: true });
  }
  const inner = parseYaml(typeof value.value === "string" ? value.value : "", file.path, { embedded: true });
  return { documents: inner.documents.map((d) => relocate(d, value.span)), diagnostics: inner.diagnostics.map((d) => ({ ...d, span: value.span, related: [] })) };
}

function relocate(value: Located, span: Span): Located {
  if (value.kind === "map") return { kind: "map", span, entries: value.entries.map((e) => ({ key: e.key, keySpan: span, value: relocate(e.value, span) })) };
  if (value.kind === "seq") return { kind: "seq", span, items: value.items.map((i) => relocate(i, span)) };
  // Its characters stand in the string it was parsed from, not in the file: no part of it is located.
  const { source: _inner, ...scalar } = value;
  return { ...scalar, span };
}

export function importFiles(format: ImportFormat, files: readonly InputFile[], options: ImportOptions = {}): Imported {
  const diagnostics: Diagnostic[] = [];
  let result;
  let objects: OperatorObject[] = [];
  let pfs: readonly NamedPf[] = [];
  if (format === "k8s") {
    const read = readOperatorFiles(files);
    objects = read.objects;
    diagnostics.push(...read.diagnostics);
    result = importOperatorObjects(objects, files.map((f) => f.path));
  } else if (format === "libvirt") {
    const inputs: XmlInput[] = [];
    for (const file of files) {
      const parsed = parseXml(file.text, file.path);
      diagnostics.push(...parsed.diagnostics);
      if (parsed.root !== undefined) inputs.push({ root: parsed.root, lines: parsed.lines });
    }
    const libvirt = importLibvirt(inputs, { ...(options.host === undefined ? {} : { host: options.host }), ...(options.target === undefined ? {} : { target: options.target }) });
    pfs = libvirt.pfs;
    result = libvirt;
  } else {
    const ipLink = files.flatMap((f) => {
      const parsed = parseIpLink(f.text, f.path);
      diagnostics.push(...parsed.diagnostics);
      return parsed.interfaces;
    });
    const sysfs = options.sysfs === undefined ? [] : readSysfs(options.sysfs);
    const host = hostNameOf({ given: options.host, sysfs: options.sysfs, outputs: files });
    result = importHost({ sysfs, ipLink, host, sources: [...(options.sysfs === undefined ? [] : [options.sysfs]), ...files.map((f) => f.path)] });
  }
  diagnostics.push(...result.diagnostics);
  const written = writeProgram(result.program);
  return { text: written.text, origins: written.origins, diagnostics, objects, pfs };
}
