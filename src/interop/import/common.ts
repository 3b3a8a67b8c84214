/** What every importer returns, and the conversions they share. */
import { diagnostic, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Span } from "../../syntax/span.js";
import type { GenProgram } from "../writer.js";

export const IMPORT_UNMAPPED = "import-unmapped";

export interface ImportResult {
  readonly program: GenProgram;
  /** What could not be mapped (`import-unmapped`), located in the input. */
  readonly diagnostics: Diagnostic[];
}

export function unmapped(span: Span, message: string, help: string): Diagnostic {
  return diagnostic(IMPORT_UNMAPPED, "warning", span, message, { help });
}

/**
 * VF settings a `.sriov` interface cannot hold, as every importer that meets them says it (`ip link`'s `vf`
 * lines, a SriovNetwork): what the import writes instead. `maxRate` names the importer's own maximum-rate
 * field, which becomes `rate_limit`.
 */
export const UNMODELLED_VF = {
  vlanPriority: { help: "the VF's VLAN priority is not modelled; `vlan` is imported" },
  serviceTag: { consequence: ": the VLAN is imported as an 802.1Q tag", help: "a `.sriov` VLAN is a customer tag (802.1Q); a service tag (QinQ) is not modelled" },
  linkDisabled: { help: "a VF's link is modelled as following its PF's (`auto`)" },
  minimumRate: { help: (maxRate: string) => `a guaranteed minimum rate is not modelled; \`${maxRate}\` becomes \`rate_limit\`` },
} as const;

/** `file:line` of a span, for the comments an import writes. */
export function where(span: Span): string {
  return `${span.file}:${span.line}`;
}

/** `25000 Mb/s`, `25000`, `25Gb/s` → a `.sriov` bit rate (`25Gbps`), or undefined when unknown (`-1 Mb/s`). */
export function linkSpeed(raw: string): string | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)b(?:it)?(?:\/s|ps)?\s*$/i.exec(raw) ?? /^\s*(\d+)\s*()$/.exec(raw);
  if (m === null) return undefined;
  const value = Number(m[1]);
  if (!(value > 0)) return undefined;
  const unit = (m[2] ?? "").toUpperCase() || "M";
  const mbps = value * ({ K: 1e-3, M: 1, G: 1e3, T: 1e6 } as Record<string, number>)[unit]!;
  return mbps % 1000 === 0 ? `${mbps / 1000}Gbps` : `${mbps}Mbps`;
}

/** `0000:3B:00.1` → `0000:3b:00.1` when it is a PCI address the language accepts, else undefined. */
export function pciAddress(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const v = raw.trim().toLowerCase();
  return /^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/.test(v) ? v : undefined;
}

/** The NIC a PCI function belongs to (`0000:3b:00.1` → `nic_3b_00`). */
export function nicNameOfPci(pci: string): string {
  const [, bus, device] = /^[0-9a-f]{4}:([0-9a-f]{2}):([0-9a-f]{2})/.exec(pci) ?? [];
  return `nic_${bus}_${device}`;
}
