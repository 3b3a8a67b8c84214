/**
 * Report formats for `sriovc simulate` and the generated standalone program. `html` is registered by its
 * own module later (charts); adding a format means one entry here.
 */
import type { SimReport } from "../sim/report.js";
import { renderHtml, type HtmlContext } from "./html.js";
import { renderJson } from "./json.js";
import { renderMarkdown } from "./markdown.js";
import { renderTable } from "./table.js";

export const REPORT_FORMATS = ["table", "json", "markdown", "html"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * `context` (the topology, a title) is used by the formats that show more than the report: html;
 * `width` by `table`, which then keeps the columns that fit (all of them when it is not given).
 */
export function renderReport(format: ReportFormat, report: SimReport, context: HtmlContext & { width?: number } = {}): string {
  switch (format) {
    case "table":
      return renderTable(report, context.width);
    case "json":
      return renderJson(report);
    case "markdown":
      return renderMarkdown(report);
    case "html":
      return renderHtml(report, context);
  }
}
