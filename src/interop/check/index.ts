/**
 * `sriovc check` on operator YAML/JSON and libvirt XML, next to `.sriov` files (docs/INTEROP.md, "Check in
 * place"). Every diagnostic is located in the file the user wrote:
 *
 * - operator objects get the ported webhook checks and the extra ones (./operator.ts), against the node
 *   states given and the hosts of the `.sriov` programs checked with them;
 * - the files' `.sriov` import is checked with every rule (hygiene rules excepted: unused VFs and missing
 *   traffic are the import's doing, not the user's), and each diagnostic on it is mapped back through the
 *   import's origin map. Operator objects checked beside `.sriov` programs are not imported: their hosts
 *   would be declared twice; the `.sriov` hardware is their inventory instead.
 */
import { diagnostic, type Diagnostic, type RelatedSpan } from "../../diagnostics/diagnostic.js";
import { groupCopies } from "../../diagnostics/group.js";
import { applySuppressions, commentedFile } from "../../diagnostics/suppressions.js";
import { configureDiagnostics, findRule, suppressionPolicy, type RuleSettings } from "../../rules/registry.js";
import { displayPath, STDIN_PATH, type Program } from "../../semantics/loader.js";
import { decodeUtf8, describeUnreadable, readUntrustedFile } from "../../semantics/untrusted-file.js";
import type { Topology } from "../../semantics/model.js";
import { checkPlacement } from "../../semantics/placement.js";
import { parseSource, stripBom } from "../../syntax/parse.js";
import { LineIndex, type Span } from "../../syntax/span.js";
import { IMPORT_UNMAPPED } from "../import/common.js";
import { MAX_INTEROP_FILE_BYTES } from "../limits.js";
export { isInteropPath } from "../formats.js";
import { formatOfPath, importFiles, readOperatorFiles, type InputFile } from "../import/index.js";
import { originAt, type OriginEntry } from "../writer.js";
import { buildInventory, checkOperatorObjects } from "./operator.js";
import { directiveFile } from "./suppressions.js";
import { findAttachment, spliceIntoHost, type SriovProgram } from "./attach.js";

export interface InteropCheckInput {
  /** The YAML/JSON/XML files, by display path. */
  readonly files: readonly InputFile[];
  /** Models of the `.sriov` programs checked in the same run (the hardware inventory). */
  readonly models: readonly Topology[];
  /** Those programs themselves: libvirt domains are checked inside the host they run on (./attach.ts). */
  readonly programs?: readonly SriovProgram[];
  readonly rules?: RuleSettings;
  /** The pipeline's check of one program (resolve, rules, suppressions), given by the caller. */
  readonly checkProgram: (program: Program, rules?: RuleSettings) => { readonly diagnostics: readonly Diagnostic[] };
}

/**
 * Reads the interop entries (absolute paths, or `<stdin>` for the bytes in `stdin`) with their own size
 * limit; unreadable ones are entry errors, named by their display paths.
 */
export function readInteropEntries(
  entries: readonly string[],
  cwd: string,
  readOverride?: (absolutePath: string) => string | undefined,
  stdin?: Uint8Array,
): { files: InputFile[]; entryErrors: { path: string; reason: string }[] } {
  const files: InputFile[] = [];
  const entryErrors: { path: string; reason: string }[] = [];
  for (const absolute of entries) {
    // Standard input is shown as `<stdin>`, as the loader shows a `.sriov` program read from it.
    if (absolute === STDIN_PATH) {
      files.push({ path: STDIN_PATH, text: stripBom(decodeUtf8(stdin ?? new Uint8Array()).text) });
      continue;
    }
    // A text the caller holds (an editor's buffer, the API's `sources`) wins over the disk, as for `.sriov` entries.
    const open = readOverride?.(absolute);
    if (open !== undefined) {
      files.push({ path: displayPath(absolute, cwd), text: stripBom(open) });
      continue;
    }
    // Regular files only, never blocking, size-limited (docs/SECURITY.md).
    const read = readUntrustedFile(absolute, { maxBytes: MAX_INTEROP_FILE_BYTES });
    // Named as the loader names an unreadable `.sriov` entry: by its display path, not the absolute one.
    if (read.ok) files.push({ path: displayPath(absolute, cwd), text: stripBom(read.text) });
    else if (read.reason.kind === "too-large") entryErrors.push({ path: displayPath(absolute, cwd), reason: `${read.reason.size} bytes, over the ${MAX_INTEROP_FILE_BYTES}-byte limit` });
    else entryErrors.push({ path: displayPath(absolute, cwd), reason: describeUnreadable(read.reason) });
  }
  return { files, entryErrors };
}

export function checkInteropFiles(input: InteropCheckInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const k8s = input.files.filter((f) => formatOfPath(f.path) === "k8s");
  const libvirt = input.files.filter((f) => formatOfPath(f.path) === "libvirt");
  if (k8s.length > 0) {
    const read = readOperatorFiles(k8s);
    out.push(...read.diagnostics);
    const inventory = buildInventory(read.objects, input.models);
    const operator = checkOperatorObjects({ objects: read.objects, inventory, models: input.models });
    out.push(...operator);
    if (input.models.length === 0 && read.objects.length > 0) {
      const covered = new Set(operator.map((d) => `${d.span.file}\u0000${d.span.start}`));
      out.push(...checkImported("k8s", k8s, input).filter((d) => !covered.has(`${d.span.file}\u0000${d.span.start}`)));
    }
  }
  if (libvirt.length > 0) out.push(...(checkAttached(libvirt, input) ?? checkImported("libvirt", libvirt, input)));
  // Configured severities, then the files' own suppression comments (./suppressions.ts).
  const configured = configureDiagnostics(out, input.rules);
  // One object imports as many (a SriovNetwork as one interface per VF of its resource): their findings, mapped
  // back to its one line, are one finding there, grouped as lint groups a replicated block's copies.
  return groupCopies(applySuppressions(configured, input.files.map((f) => directiveFile(f.path, f.text)), suppressionPolicy(input.rules)));
}

function checkImported(format: "k8s" | "libvirt", files: readonly InputFile[], input: InteropCheckInput): Diagnostic[] {
  const imported = importFiles(format, files);
  // Parse errors and unknown fields were reported by the operator pass already (k8s); import-unmapped
  // says what `sriovc import` leaves out, which is no mistake of the user's in a check.
  const own = format === "libvirt" ? imported.diagnostics.filter((d) => d.rule !== IMPORT_UNMAPPED) : [];
  if (imported.diagnostics.some((d) => d.severity === "error")) return own;
  const virtualPath = `${files[0]!.path} (imported)`;
  const parsed = parseSource(imported.text, virtualPath);
  const program: Program = {
    root: virtualPath,
    files: [parsed.ast],
    commentedFiles: [commentedFile(parsed.ast)],
    sources: new Map([[virtualPath, imported.text]]),
    diagnostics: [...parsed.diagnostics, ...(parsed.diagnostics.length === 0 ? checkPlacement(parsed.ast) : [])],
    hasSyntaxErrors: parsed.diagnostics.length > 0,
  };
  const fallback = new LineIndex(files[0]!.path, files[0]!.text).span(0, 0);
  const checked = input.checkProgram(program, input.rules).diagnostics.filter((d) => findRule(d.rule)?.meta.category !== "hygiene");
  return [...own, ...checked.map((d) => mapBack(d, imported.origins, virtualPath, fallback))];
}

/**
 * libvirt XML whose PFs one `.sriov` host has: its domains are imported into that host and checked there
 * (./attach.ts). Diagnostics on the XML's part are mapped back to the XML; those on the `.sriov` files are
 * kept (the workspace drops the ones the `.sriov` program reports by itself). Undefined when no host matches.
 */
function checkAttached(files: readonly InputFile[], input: InteropCheckInput): Diagnostic[] | undefined {
  const programs = input.programs ?? [];
  if (programs.length === 0) return undefined;
  const first = importFiles("libvirt", files);
  if (first.diagnostics.some((d) => d.severity === "error")) return undefined;
  const attachment = findAttachment(first.pfs, programs);
  if (attachment === undefined) return undefined;
  const imported = importFiles("libvirt", files, { target: attachment.target });
  const own = imported.diagnostics.filter((d) => d.rule !== IMPORT_UNMAPPED);
  const virtualPath = `${files[0]!.path} (imported)`;
  const parsed = parseSource(imported.text, virtualPath);
  const block = parsed.ast.items.find((i) => i.kind === "Block" && i.blockKind === "host");
  if (block === undefined || block.kind !== "Block") return undefined;
  const program = spliceIntoHost(attachment.program, attachment.host, block, { path: virtualPath, text: imported.text, diagnostics: parsed.diagnostics });
  if (program === undefined) return undefined;
  const fallback = new LineIndex(files[0]!.path, files[0]!.text).span(0, 0);
  const checked = input.checkProgram(program, input.rules).diagnostics.filter((d) => findRule(d.rule)?.meta.category !== "hygiene");
  return [...own, ...checked.map((d) => mapBack(d, imported.origins, virtualPath, fallback))];
}

function mapSpan(span: Span, origins: readonly OriginEntry[], virtualPath: string, fallback: Span): Span {
  if (span.file !== virtualPath) return span;
  return originAt(origins, span.start, span.end) ?? fallback;
}

/** A diagnostic on the imported text, moved to the input file it came from. */
function mapBack(d: Diagnostic, origins: readonly OriginEntry[], virtualPath: string, fallback: Span): Diagnostic {
  const related: RelatedSpan[] = d.related.map((r) => ({ span: mapSpan(r.span, origins, virtualPath, fallback), message: r.message }));
  return diagnostic(d.rule, d.severity, mapSpan(d.span, origins, virtualPath, fallback), d.message, { related, help: d.help });
}
