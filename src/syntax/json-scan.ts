/**
 * Where a text stops being JSON, and where the values a JSON pointer names stand in it: one iterative scan
 * of ECMA-404 as JSON.parse reads it, which only locates (JSON.parse stays the judge of what is JSON). Here,
 * below every stage that reads JSON (the CLI's files, ../cli/json-input.ts; an operator network's `ipam`,
 * ../interop/k8s/network-fields.ts). Iterative: a text of 100,000 `[` is an error at its end, not a stack
 * overflow (jsonc-parser recurses; see ../cli/json-input.ts).
 */
import { stripBom } from "./parse.js";
import { LineIndex } from "./span.js";

const OBJECT = 0;
const ARRAY = 1;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isHexDigit(code: number): boolean {
  return isDigit(code) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

/**
 * Offset of the first character where `text` stops being JSON (ECMA-404, as JSON.parse reads it: the
 * place V8 names when it names one), `text.length` when it ends too soon, or -1 when it is JSON.
 * Iterative: a file of 100,000 `[` is an error at its end, not a stack overflow.
 */
export function jsonErrorOffset(text: string): number {
  return scanJson(text);
}

/**
 * Where the values that schema errors name by JSON pointer (`/rules/unused-vf`, `""` for the whole
 * document) stand in `text` (a file as read, with or without its byte-order mark), as `SHOWN:LINE:COLUMN`
 * of the value's first character. One scan for all of them; a key given twice names its last value, the
 * one JSON.parse keeps. A pointer that names nothing in the text, or a text that is not JSON, has none.
 */
export function jsonPointerPlaces(text: string, shown: string, pointers: readonly string[]): Map<string, string> {
  const json = stripBom(text);
  const wanted = new Set(pointers);
  const offsets = new Map<string, number>();
  const places = new Map<string, string>();
  if (wanted.size === 0 || scanJson(json, (pointer, offset) => wanted.has(pointer) && offsets.set(pointer, offset)) >= 0) return places;
  const lines = new LineIndex(shown, json);
  for (const [pointer, offset] of offsets) {
    const { line, column } = lines.position(offset);
    places.set(pointer, `${shown}:${line}:${column}`);
  }
  return places;
}

/** An object's key as JSON.parse reads it, from its quoted text (which the scan found well-formed). */
function keyOf(quoted: string): string {
  return quoted.includes("\\") ? (JSON.parse(quoted) as string) : quoted.slice(1, -1);
}

/**
 * The scan of jsonErrorOffset; `onValue`, when given, is told where each value starts and its JSON pointer.
 * The pointer is built a step at a time (each container keeps its own), not from the whole path at each
 * value: a file 100,000 levels deep stays one linear scan.
 */
function scanJson(text: string, onValue?: (pointer: string, offset: number) => unknown): number {
  const n = text.length;
  const containers: number[] = [];
  // Parallel to containers, kept only for onValue: each one's pointer, and the key or index of the member read in it.
  const prefixes: string[] = [];
  const steps: (string | number)[] = [];
  let pointer = "";
  let i = 0;
  const skipSpace = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      i++;
    }
  };
  // A string from the `"` at i; i ends after its closing quote. The offset of a mistake, or -1.
  const string = (): number => {
    i++;
    for (;;) {
      if (i >= n) return n;
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return -1;
      }
      if (c < 0x20) return i;
      if (c !== 0x5c) {
        i++;
        continue;
      }
      i++;
      if (i >= n) return n;
      const escape = text[i]!;
      if (escape === "u") {
        for (let k = 1; k <= 4; k++) {
          if (i + k >= n) return n;
          if (!isHexDigit(text.charCodeAt(i + k))) return i + k;
        }
        i += 5;
      } else if ('"\\/bfnrt'.includes(escape)) i++;
      else return i;
    }
  };
  const digits = (): number => {
    if (i >= n || !isDigit(text.charCodeAt(i))) return i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    return -1;
  };
  const number = (): number => {
    if (text[i] === "-") i++;
    if (i < n && text[i] === "0") i++;
    else if (digits() >= 0) return i;
    if (text[i] === ".") {
      i++;
      if (digits() >= 0) return i;
    }
    if (text[i] === "e" || text[i] === "E") {
      i++;
      if (text[i] === "+" || text[i] === "-") i++;
      if (digits() >= 0) return i;
    }
    return -1;
  };
  // An object's key and its colon, from i; i ends where the value starts.
  const key = (): number => {
    if (text[i] !== '"') return i;
    const start = i;
    const wrong = string();
    if (wrong >= 0) return wrong;
    if (onValue !== undefined) steps[steps.length - 1] = keyOf(text.slice(start, i));
    skipSpace();
    if (text[i] !== ":") return i;
    i++;
    return -1;
  };
  for (;;) {
    // A value starts at i (after space).
    skipSpace();
    if (i >= n) return n;
    if (onValue !== undefined) {
      const depth = steps.length;
      const step = steps[depth - 1];
      if (depth > 0) pointer = `${prefixes[depth - 1]}/${typeof step === "number" ? step : step!.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      onValue(pointer, i);
    }
    const c = text[i]!;
    let wrong = -1;
    let opened = false;
    if (c === "{" || c === "[") {
      i++;
      skipSpace();
      if (text[i] === (c === "{" ? "}" : "]")) i++;
      else {
        containers.push(c === "{" ? OBJECT : ARRAY);
        if (onValue !== undefined) {
          prefixes.push(pointer);
          steps.push(0);
        }
        if (c === "{") wrong = key();
        opened = true;
      }
    } else if (c === '"') wrong = string();
    else if (c === "-" || isDigit(text.charCodeAt(i))) wrong = number();
    else {
      const word = c === "t" ? "true" : c === "f" ? "false" : c === "n" ? "null" : undefined;
      if (word === undefined) return i;
      for (let k = 0; k < word.length; k++, i++) if (i >= n || text[i] !== word[k]) return Math.min(i, n);
    }
    if (wrong >= 0) return wrong;
    if (opened) continue;
    // After a value: a comma, the end of its containers, or the end of the text.
    for (;;) {
      skipSpace();
      const container = containers[containers.length - 1];
      if (container === undefined) return i < n ? i : -1;
      if (text[i] === ",") {
        i++;
        if (container === OBJECT) {
          skipSpace();
          const wrongKey = key();
          if (wrongKey >= 0) return wrongKey;
        } else if (onValue !== undefined) steps[steps.length - 1] = (steps[steps.length - 1] as number) + 1;
        break;
      }
      if (text[i] !== (container === OBJECT ? "}" : "]")) return Math.min(i, n);
      containers.pop();
      prefixes.pop();
      steps.pop();
      i++;
    }
  }
}
