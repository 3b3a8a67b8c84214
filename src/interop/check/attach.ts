/**
 * libvirt XML checked beside a `.sriov` program runs on that program's hardware (docs/INTEROP.md, "Check in
 * place"): the host whose PFs the XML names is found here, and the domains imported into it are spliced into
 * that host's block, so every rule sees the VMs on the declared NICs, PFs, VF counts and cores.
 *
 * The rule: the XML names PFs by kernel name (a hostdev network's `<pf dev>`, a node device's interface) or
 * PCI address (a node device); the host is the one `.sriov` host that has every one of them, a PF matching
 * by its kernel name (`NIC_PF` where two NICs of the host share a PF name, as `--emit` writes it) or its
 * `pci`. XML that names no PF, or PFs no single host has, is checked on a host of its own.
 */
import type { Host, Topology } from "../../semantics/model.js";
import type { Program } from "../../semantics/loader.js";
import type { Block, Member, SourceFile, TopLevel } from "../../syntax/ast.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { commentedFile } from "../../diagnostics/suppressions.js";
import { kernelNames } from "../emit/common.js";
import type { LibvirtTarget, NamedPf } from "../import/libvirt.js";

/** A `.sriov` program checked in the same run, with its model. */
export interface SriovProgram {
  readonly program: Program;
  readonly model: Topology;
}

export interface Attachment {
  readonly target: LibvirtTarget;
  readonly program: Program;
  readonly host: Host;
}

function localName(id: string): string {
  return id.slice(id.lastIndexOf(".") + 1);
}

/** The one `.sriov` host that has every PF the XML names, as a libvirt import target; else undefined. */
export function findAttachment(pfs: readonly NamedPf[], programs: readonly SriovProgram[]): Attachment | undefined {
  if (pfs.length === 0) return undefined;
  const found = new Map<string, Attachment>();
  for (const { program, model } of programs) {
    const kernel = kernelNames(model.pfs);
    for (const host of model.hosts) {
      const hostPfs = model.pfs.filter((pf) => pf.host === host.id);
      const findPf = (name: string, pci: string | undefined): { nic: string; pf: string } | undefined => {
        const pf = hostPfs.find((p) => (pci !== undefined && p.pci === pci.toLowerCase()) || (kernel.get(p.id) ?? p.name) === name);
        return pf === undefined ? undefined : { nic: localName(pf.nic), pf: pf.name };
      };
      if (!pfs.every((p) => findPf(p.name, p.pci) !== undefined)) continue;
      // A host reached through two entry programs (a shared import) is one host.
      const key = `${host.spans.name.file}\u0000${host.spans.name.start}`;
      if (found.has(key)) continue;
      found.set(key, { target: { host: host.name, findPf, vswitches: new Set(host.vswitches.map((v) => v.name)) }, program, host });
    }
  }
  return found.size === 1 ? [...found.values()][0] : undefined;
}

/**
 * The program with the members of `imported` (a parsed `host NAME { … }` block) added at the end of the
 * block that declares `host`; undefined when that block is not found as written (a replicated or
 * templated host).
 */
export function spliceIntoHost(program: Program, host: Host, imported: Block, virtual: { path: string; text: string; diagnostics: readonly Diagnostic[] }): Program | undefined {
  let spliced = false;
  const files = program.files.map((file): SourceFile => {
    if (file.file !== host.spans.name.file) return file;
    const items = file.items.map((item): TopLevel => {
      if (spliced || item.kind !== "Block" || item.blockKind !== "host" || item.name === undefined || item.name.range !== undefined) return item;
      if (item.name.span.start !== host.spans.name.start) return item;
      spliced = true;
      const members: Member[] = [...item.members, ...imported.members];
      return { ...item, members };
    });
    return { ...file, items };
  });
  if (!spliced) return undefined;
  const sources = new Map(program.sources);
  sources.set(virtual.path, virtual.text);
  return { root: program.root, files, commentedFiles: files.map((f) => commentedFile(f)), sources, diagnostics: [...program.diagnostics, ...virtual.diagnostics], hasSyntaxErrors: program.hasSyntaxErrors || virtual.diagnostics.some((d) => d.severity === "error") };
}
