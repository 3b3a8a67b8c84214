/** Tokenizes `.sriov` text with the TextMate grammar as VS Code does (vscode-textmate + vscode-oniguruma). */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import * as oniguruma from "vscode-oniguruma";
import * as textmate from "vscode-textmate";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const GRAMMAR_PATH = path.join(ROOT, "grammar/sriov.tmLanguage.json");

let grammar: Promise<textmate.IGrammar> | undefined;

export function loadGrammar(): Promise<textmate.IGrammar> {
  grammar ??= (async () => {
    const wasm = readFileSync(createRequire(import.meta.url).resolve("vscode-oniguruma/release/onig.wasm"));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({ createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources), createOnigString: (text: string) => new oniguruma.OnigString(text) }),
      loadGrammar: async (scopeName: string) => (scopeName === "source.sriov" ? textmate.parseRawGrammar(readFileSync(GRAMMAR_PATH, "utf8"), GRAMMAR_PATH) : null),
    });
    const loaded = await registry.loadGrammar("source.sriov");
    if (loaded === null) throw new Error("the grammar did not load");
    return loaded;
  })();
  return grammar;
}

/**
 * One line per token with scopes beyond the root: `line:column text → scope scope`. Whitespace and tokens
 * with no scope of their own are left out, so the snapshot shows what the grammar decides.
 */
export async function scopeSnapshot(text: string): Promise<string> {
  const g = await loadGrammar();
  const out: string[] = [];
  let state = textmate.INITIAL;
  text.split(/\r?\n/).forEach((line, index) => {
    const result = g.tokenizeLine(line, state);
    for (const token of result.tokens) {
      const value = line.slice(token.startIndex, token.endIndex);
      const scopes = token.scopes.filter((s) => s !== "source.sriov");
      if (value.trim() === "" || scopes.length === 0) continue;
      out.push(`${index + 1}:${token.startIndex + 1} ${JSON.stringify(value)} → ${scopes.join(" ")}`);
    }
    state = result.ruleStack;
  });
  return `${out.join("\n")}\n`;
}
