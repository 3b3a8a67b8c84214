/** The report formats of `simulate` and `merge`: their option lists name them without loading the renderers. */
export const REPORT_FORMATS = ["table", "json", "markdown", "html"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
