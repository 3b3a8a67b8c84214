/**
 * Report formats for `sriovc simulate` and the generated standalone program. `html` is registered by its
 * own module later (charts); adding a format means one entry here.
 */
import type { SimReport } from "../sim/report.js";
import { renderJson } from "./json.js";
import { renderMarkdown } from "./markdown.js";
import { renderTable } from "./table.js";

export const REPORT_FORMATS = ["table", "json", "markdown"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function renderReport(format: ReportFormat, report: SimReport): string {
  switch (format) {
    case "table":
      return renderTable(report);
    case "json":
      return renderJson(report);
    case "markdown":
      return renderMarkdown(report);
  }
}
