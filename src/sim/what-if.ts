/**
 * Re-attaching an interface for one run (`--what-if h1.db.eth0=vf`) and the data paths an interface
 * could use (`--compare`). Pure IR → IR transforms: the rest of the topology is left as it is.
 */
import { DATA_PATHS, type DataPath, type Ir, type IrAttachment, type IrIface } from "../lower/ir.js";

export type WhatIfResult = { readonly ok: true; readonly ir: Ir } | { readonly ok: false; readonly message: string };

/** The PF an interface's packets arrive on, whatever its attachment. */
function pfOf(ir: Ir, iface: IrIface): string | null {
  return iface.attachment.pf;
}

/** Data paths the interface could be attached with, given its host and PF, in the order pf, vswitch, vmdq, vf. */
export function possiblePaths(ir: Ir, iface: IrIface): DataPath[] {
  if (iface.vm === null) return ["pf"];
  const pfId = pfOf(ir, iface);
  const pf = ir.pfs.find((p) => p.id === pfId);
  const host = ir.hosts.find((h) => h.id === iface.host);
  const out: DataPath[] = [];
  if (iface.attachment.kind === "vswitch" || ir.vswitches.some((s) => s.host === iface.host && pfId !== null && s.uplinks.includes(pfId))) out.push("vswitch");
  if (pf && pf.vmdqPools > 0) out.push("vmdq");
  if (pf && pf.vfs > 0 && host?.iommu) out.push("vf");
  return out;
}

function attachmentFor(ir: Ir, iface: IrIface, path: DataPath): IrAttachment | string {
  const pfId = pfOf(ir, iface);
  if (path === "pf") return iface.vm === null && pfId !== null ? { kind: "pf", pf: pfId } : "pf(...) is only for bare-metal host interfaces";
  if (iface.vm === null) return `a bare-metal interface can only use pf, not ${path}`;
  if (pfId === null) return `'${iface.id}' has no PF to re-attach to`;
  const others = ir.ifaces.filter((f) => f.id !== iface.id);
  switch (path) {
    case "vf": {
      const pf = ir.pfs.find((p) => p.id === pfId)!;
      const used = new Set(others.flatMap((f) => (f.attachment.kind === "vf" && f.attachment.pf === pfId ? [f.attachment.vf] : [])));
      for (let vf = 0; vf < pf.vfs; vf++) if (!used.has(vf)) return { kind: "vf", pf: pfId, vf };
      return `'${pfId}' has no free VF (${pf.vfs} enabled)`;
    }
    case "vmdq": {
      const pf = ir.pfs.find((p) => p.id === pfId)!;
      const used = new Set(others.flatMap((f) => (f.attachment.kind === "vmdq" && f.attachment.pf === pfId ? [f.attachment.pool] : [])));
      for (let pool = 0; pool < pf.vmdqPools; pool++) if (!used.has(pool)) return { kind: "vmdq", pf: pfId, pool };
      return `'${pfId}' has no free VMDq pool (${pf.vmdqPools})`;
    }
    case "vswitch": {
      const sw = ir.vswitches.find((s) => s.host === iface.host && s.uplinks.includes(pfId));
      return sw ? { kind: "vswitch", vswitch: sw.id, pf: pfId } : `no vSwitch on '${iface.host}' has '${pfId}' as an uplink`;
    }
  }
}

/** The IR with one interface re-attached on `path`. */
export function reattach(ir: Ir, ifaceId: string, path: string): WhatIfResult {
  const iface = ir.ifaces.find((f) => f.id === ifaceId);
  if (!iface) return { ok: false, message: `unknown interface '${ifaceId}'; interfaces: ${ir.ifaces.map((f) => f.id).join(", ")}` };
  if (!(DATA_PATHS as readonly string[]).includes(path)) return { ok: false, message: `unknown data path '${path}'; expected one of ${DATA_PATHS.join(", ")}` };
  const attachment = attachmentFor(ir, iface, path as DataPath);
  if (typeof attachment === "string") return { ok: false, message: `cannot re-attach '${ifaceId}' on ${path}: ${attachment}` };
  const host = ir.hosts.find((h) => h.id === iface.host)!;
  const irqCore = attachment.kind === "vswitch" ? (iface.attachment.kind === "vswitch" ? iface.irqCore : (host.hypervisorCores[0] ?? iface.stackCore)) : iface.stackCore;
  const sw = attachment.kind === "vswitch" ? attachment.vswitch : (ir.vswitches.find((s) => s.host === iface.host && attachment.pf !== null && s.uplinks.includes(attachment.pf))?.id ?? null);
  const changed: IrIface = { ...iface, attachment, irqCore, vswitch: iface.vm === null ? null : sw };
  return { ok: true, ir: { ...ir, ifaces: ir.ifaces.map((f) => (f.id === ifaceId ? changed : f)) } };
}

/** Parses `IFACE=MODE`. */
export function parseWhatIf(text: string): { iface: string; path: string } | undefined {
  const at = text.lastIndexOf("=");
  if (at <= 0 || at === text.length - 1) return undefined;
  return { iface: text.slice(0, at), path: text.slice(at + 1) };
}
