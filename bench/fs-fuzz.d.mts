export function buildTree(seed: number, base?: string): { top: string; root: string; outside: string; canaryText: string; files: string[] };
export function snapshot(dir: string, contents?: boolean): Map<string, string>;
export function fuzzTree(seed: number, bin: string, timeoutMs?: number): string[];
