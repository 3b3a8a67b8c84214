/**
 * Inlay hints: the VF index that `vf(pf)` was given (allocation in source order is easy to get wrong by
 * eye), and after each `attach` the analytic cycles per packet of the interface. A replicated block's
 * interfaces share one `attach`: its hints list every replica's index and the range of their costs.
 */
import { InlayHintKind, type InlayHint, type InlayHintParams } from "vscode-languageserver/node";
import type { Iface } from "../semantics/model.js";
import type { FileContext } from "./context.js";

/** "VF 3", "VF 0, 1, 2", "VF 0–7" for a run. */
export function vfLabel(indices: readonly number[]): string {
  if (indices.length === 1) return `VF ${indices[0]}`;
  const contiguous = indices.every((n, i) => i === 0 || n === indices[i - 1]! + 1);
  if (contiguous && indices.length > 3) return `VF ${indices[0]}–${indices[indices.length - 1]}`;
  return `VF ${indices.join(", ")}`;
}

export function cyclesLabel(cycles: readonly number[]): string {
  const low = Math.round(Math.min(...cycles));
  const high = Math.round(Math.max(...cycles));
  return low === high ? `${low.toLocaleString("en")} cycles/packet` : `${low.toLocaleString("en")}–${high.toLocaleString("en")} cycles/packet`;
}

export function inlayHints(context: FileContext, params: InlayHintParams): InlayHint[] {
  const view = context.widest();
  const model = view.model;
  if (model === undefined) return [];
  const groups = new Map<number, Iface[]>();
  for (const iface of model.ifaces) {
    const span = iface.spans.attrs["attach"];
    if (span === undefined || span.file !== context.displayPath) continue;
    const list = groups.get(span.start);
    if (list === undefined) groups.set(span.start, [iface]);
    else list.push(iface);
  }
  const out: InlayHint[] = [];
  const { start, end } = params.range;
  for (const ifaces of groups.values()) {
    const position = context.range(ifaces[0]!.spans.attrs["attach"]!).end;
    if (position.line < start.line || position.line > end.line) continue;
    const indices: number[] = [];
    for (const iface of ifaces) if (iface.attachment.kind === "vf" && iface.attachment.slot.kind === "allocated") indices.push(iface.attachment.slot.index);
    if (indices.length === ifaces.length) out.push({ position, label: vfLabel(indices), kind: InlayHintKind.Type, paddingLeft: true, tooltip: "the VF this `vf(pf)` was given: the lowest free one, in source order" });
    const cycles = ifaces.flatMap((iface) => {
      const cost = view.cost?.ifaces.get(iface.id);
      return cost === undefined || cost.estimate.offeredPps === 0 ? [] : [cost.estimate.cyclesPerPacket];
    });
    if (cycles.length > 0) out.push({ position, label: cyclesLabel(cycles), paddingLeft: true, tooltip: "analytic CPU cycles per packet on this interface's data path (as `sriovc simulate` estimates them)" });
  }
  return out;
}
