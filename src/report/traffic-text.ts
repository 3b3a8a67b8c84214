/** How a traffic block's packet size and arrival pattern read in a report (the HTML pages share these). */
import type { IrPacketSize, IrPattern } from "../lower/ir.js";

export function sizeText(size: IrPacketSize): string {
  return size.kind === "fixed" ? `${size.bytes} B` : "IMIX";
}

export function patternText(pattern: IrPattern): string {
  switch (pattern.kind) {
    case "constant":
      return "constant";
    case "poisson":
      return "poisson";
    case "burst":
      return `burst of ${pattern.n}`;
  }
}
