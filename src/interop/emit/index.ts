/** The deployable-config emitters of `sriovc compile --emit`, as one table. */
import type { Ir } from "../../lower/ir.js";
import type { InteropEmitFormat } from "../formats.js";
import type { Emitted, EmittedFile } from "./common.js";
import { emitK8s } from "./k8s.js";
import { emitLibvirt } from "./libvirt.js";
import { emitNetplan } from "./netplan.js";

export interface InteropEmitter {
  readonly description: string;
  emit(ir: Ir, source?: string): Emitted;
}

export const INTEROP_EMITTERS: Readonly<Record<InteropEmitFormat, InteropEmitter>> = {
  k8s: { description: "sriov-network-operator SriovNetworkNodePolicy and SriovNetwork objects (multi-document YAML)", emit: (ir, source) => emitK8s(ir, source === undefined ? {} : { source }) },
  libvirt: { description: "libvirt domain XML per VM and a hostdev network per PF (-o DIR writes one file each)", emit: (ir, source) => emitLibvirt(ir, source === undefined ? {} : { source }) },
  netplan: { description: "netplan per host: VF counts, MTUs, VF VLANs (-o DIR writes one file per host)", emit: (ir, source) => emitNetplan(ir, source === undefined ? {} : { source }) },
};

/** Several files as one text for standard output: each under a comment naming it. */
export function joinFiles(files: readonly EmittedFile[]): string {
  if (files.length === 1) return files[0]!.text;
  return files.map((f) => (f.path.endsWith(".xml") ? `<!-- file: ${f.path} -->\n${f.text}` : `# file: ${f.path}\n${f.text}`)).join("\n");
}

export { renderWarnings } from "./common.js";
