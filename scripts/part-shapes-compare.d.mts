// Types for scripts/part-shapes-compare.mjs, so the TypeScript tests can import it.
export declare function compareSource(modelFields: Readonly<Record<string, Readonly<Record<string, string>>>>): string;
