/** `--format json`: the report object, two-space indented, one trailing newline; stable field order. */
import type { SimReport } from "../sim/report.js";

export function renderJson(report: SimReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
