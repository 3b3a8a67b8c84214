// Types for bench/fuzz-inputs.mjs, so the TypeScript tests can import it.
export interface Rng {
  next(): number;
  int(n: number): number;
  pick<T>(list: readonly T[]): T;
}
export interface JsonDiagnostic {
  readonly file: string;
  readonly rule: string;
  readonly severity: string;
  readonly message: string;
  readonly range: { readonly start: { line: number; column: number }; readonly end: { line: number; column: number } };
}
export declare function rng(seed: number): Rng;
export declare function randomBytes(r: Rng, length: number): string;
export declare const VOCABULARY: readonly string[];
export declare function tokenSoup(r: Rng, tokens: number): string;
export declare function mutate(r: Rng, source: string, times?: number): string;
export declare const HOSTILE_BYTES: readonly (readonly number[])[];
export declare function mutateBytes(r: Rng, source: string, times?: number): Buffer;
export declare const INPUT_KINDS: readonly ["bytes", "tokens", "mutation", "byte-mutation"];
export declare function fuzzInput(seed: number, index: number, seeds: readonly string[], size?: number): { kind: "bytes" | "tokens" | "mutation" | "byte-mutation"; bytes: Buffer; text: string };
export declare function rangeProblems(text: string, diagnostics: readonly JsonDiagnostic[]): string[];
export declare function looksLikeCrash(output: string): boolean;
export declare const INTEROP_VOCABULARY: readonly string[];
export declare function mutateInterop(r: Rng, source: string, times?: number): string;
