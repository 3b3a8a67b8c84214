// Types for bench/generate.mjs, so the TypeScript tests can import it.
export declare const VFS_PER_HOST: number;
export declare const LINES_PER_HOST: number;
export declare function generateTopology(options?: { lines?: number; durationMs?: number }): { source: string; lines: number; hosts: number; vms: number };
export declare function lowerToIr(source: string, file?: string): Promise<unknown>;
