// Types for scripts/report-shape.mjs, so the TypeScript tests can import it.
export declare function reportShapeSource(schemaDirectory?: string): Promise<string>;
