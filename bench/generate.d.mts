// Types for bench/generate.mjs, so the TypeScript tests can import it.
export declare const VFS_PER_HOST: number;
export declare const LINES_PER_HOST: number;
/** The declared topology: plain data in the shape of bench/declared.schema.json. */
export type Declared = { simulation: Record<string, unknown>; hosts: Record<string, any>; traffic: Record<string, any> };
export declare function declaredHost(h: number, vfVms: number, varied?: boolean): { name: string; host: any; traffic: Record<string, any> };
export declare function generateTopology(options?: { lines?: number; durationMs?: number; varied?: boolean }): { source: string; declared: Declared; lines: number; hosts: number; vms: number };
export declare function lowerToIr(source: string, file?: string): Promise<unknown>;
