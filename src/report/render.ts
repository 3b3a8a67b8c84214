/**
 * Report formats for `sriovc simulate` and the generated standalone program. `html` is registered by its
 * own module later (charts); adding a format means one entry here.
 */
import { terminalSafeJson, terminalSafeOutput } from "../diagnostics/render/terminal-text.js";
import type { SimReport } from "../sim/report.js";
import { renderHtml, type HtmlContext } from "./html.js";
import { renderJson } from "./json.js";
import { renderMarkdown } from "./markdown.js";
import { renderTable } from "./table.js";
import type { ReportFormat } from "./formats.js";

export { REPORT_FORMATS, type ReportFormat } from "./formats.js";

/**
 * `context` (the topology, a title) is used by the formats that show more than the report: html;
 * `width` by `table`, which then keeps the columns that fit (all of them when it is not given).
 */
export function renderReport(format: ReportFormat, report: SimReport, context: HtmlContext & { width?: number } = {}): string {
  switch (format) {
    // Names and descriptions from the input reach a terminal: controls are made visible (JSON keeps its
    // values). The standalone program prints through here too, so both print the same bytes.
    case "table":
      return terminalSafeOutput(renderTable(report, context.width), false);
    case "json":
      return terminalSafeJson(renderJson(report));
    case "markdown":
      return terminalSafeOutput(renderMarkdown(report), false);
    case "html":
      return renderHtml(report, context);
  }
}
