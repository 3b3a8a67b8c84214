/**
 * What-ifs (`--what-if h1.db.eth0=vf`) and the data paths an interface could use (`--compare`), decided on
 * the resolved model: a what-if changes an interface's attachment before lowering, so lowering places the
 * re-attached interface exactly as it would place the same topology written that way.
 */
import { DATA_PATHS, type DataPath } from "../domain/enums.js";
import type { Attachment, Iface, Topology } from "../semantics/model.js";

/** One `IFACE=MODE`. */
export interface WhatIf {
  readonly iface: string;
  readonly path: DataPath;
}

/** Parses `IFACE=MODE`; a message when the text is not one. */
export function parseWhatIf(text: string): WhatIf | string {
  const at = text.lastIndexOf("=");
  if (at <= 0 || at === text.length - 1) return `expects IFACE=MODE (e.g. h1.db.eth0=vf), got '${text}'`;
  const path = text.slice(at + 1);
  if (!(DATA_PATHS as readonly string[]).includes(path)) return `${text}: unknown data path '${path}'; expected one of ${DATA_PATHS.join(", ")}`;
  return { iface: text.slice(0, at), path: path as DataPath };
}

/** The PF an interface's packets arrive on, whatever its attachment (a vSwitch: its first uplink). */
function pfOf(model: Topology, attachment: Attachment): string | null {
  return attachment.kind === "vswitch" ? (model.lookup.vswitches.get(attachment.vswitch)?.uplinks[0] ?? null) : attachment.pf;
}

/** Data paths the interface could be attached with, given its host and PF, in the order pf, vswitch, vmdq, vf. */
export function possiblePaths(model: Topology, iface: Iface): DataPath[] {
  if (iface.owner.kind === "host") return [iface.attachment.kind];
  const pfId = pfOf(model, iface.attachment);
  const pf = pfId === null ? undefined : model.lookup.pfs.get(pfId);
  const host = model.lookup.hosts.get(iface.host);
  const out: DataPath[] = [];
  if (iface.attachment.kind === "vswitch" || (pfId !== null && model.lookup.vswitchByUplink.has(pfId))) out.push("vswitch");
  if (pf && pf.vmdqPools > 0) out.push("vmdq");
  if (pf && pf.vfs > 0 && host?.iommu) out.push("vf");
  return out;
}

function attachmentFor(model: Topology, iface: Iface, path: DataPath, current: ReadonlyMap<string, Attachment>): Attachment | string {
  const attachment = current.get(iface.id) ?? iface.attachment;
  if (path === attachment.kind) return attachment;
  if (iface.owner.kind === "host") return `a host's own interface keeps its ${attachment.kind}(...) attachment`;
  if (path === "pf") return "pf(...) is only for a host's own interfaces";
  const pfId = pfOf(model, attachment);
  if (pfId === null) return `'${iface.id}' has no PF to re-attach to`;
  const others = [...current].filter(([id]) => id !== iface.id).map(([, a]) => a);
  switch (path) {
    case "vf": {
      const pf = model.lookup.pfs.get(pfId)!;
      const used = new Set(others.flatMap((a) => (a.kind === "vf" && a.pf === pfId && a.slot.kind !== "exhausted" ? [a.slot.index] : [])));
      for (let vf = 0; vf < pf.vfs; vf++) if (!used.has(vf)) return { kind: "vf", pf: pfId, slot: { kind: "allocated", index: vf } };
      return `'${pfId}' has no free VF (${pf.vfs} enabled)`;
    }
    case "vmdq": {
      const pf = model.lookup.pfs.get(pfId)!;
      const used = new Set(others.flatMap((a) => (a.kind === "vmdq" && a.pf === pfId && a.pool !== null ? [a.pool] : [])));
      for (let pool = 0; pool < pf.vmdqPools; pool++) if (!used.has(pool)) return { kind: "vmdq", pf: pfId, pool };
      return `'${pfId}' has no free VMDq pool (${pf.vmdqPools})`;
    }
    case "vswitch": {
      const vswitch = model.lookup.vswitchByUplink.get(pfId);
      return vswitch ? { kind: "vswitch", vswitch: vswitch.id } : `no vSwitch on '${iface.host}' has '${pfId}' as an uplink`;
    }
  }
}

const NO_CHANGES: ReadonlyMap<string, Attachment> = new Map();

export type Reattachments = { readonly ok: true; readonly attachments: ReadonlyMap<string, Attachment> } | { readonly ok: false; readonly message: string };

/**
 * Every interface's attachment after the what-ifs, applied in order (each sees the ones before: two
 * interfaces moved to `vf` get two VFs). Only the interfaces that changed are in the map.
 */
export function reattach(model: Topology, whatIfs: readonly WhatIf[]): Reattachments {
  // Every check lowers the model for the analysis rules, nearly always without what-ifs: the map of every
  // interface's attachment below cost ~3 % of a check of 100k lines (docs/PERFORMANCE.md).
  if (whatIfs.length === 0) return { ok: true, attachments: NO_CHANGES };
  const current = new Map<string, Attachment>(model.ifaces.map((f) => [f.id, f.attachment]));
  const changed = new Map<string, Attachment>();
  for (const whatIf of whatIfs) {
    const iface = model.lookup.ifaces.get(whatIf.iface);
    if (!iface) return { ok: false, message: `unknown interface '${whatIf.iface}'; interfaces: ${model.ifaces.map((f) => f.id).join(", ")}` };
    const attachment = attachmentFor(model, iface, whatIf.path, current);
    if (typeof attachment === "string") return { ok: false, message: `cannot re-attach '${iface.id}' on ${whatIf.path}: ${attachment}` };
    current.set(iface.id, attachment);
    changed.set(iface.id, attachment);
  }
  return { ok: true, attachments: changed };
}
