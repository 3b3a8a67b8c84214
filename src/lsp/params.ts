/**
 * What a request's parameters must hold before a handler reads them: a client that sends a request without
 * its position (or a negative one, or no diagnostics list in a code action's context) is told what is wrong
 * (InvalidParams), instead of the handler crashing on it. Positions past the end of a line or of the file
 * are valid in LSP, and the handlers clamp them.
 */

/** The fields each request's handler reads, beyond `textDocument.uri`. */
const NEEDS: Readonly<Record<string, readonly Field[]>> = {
  hover: ["position"],
  completion: ["position"],
  definition: ["position"],
  references: ["position"],
  documentHighlight: ["position"],
  signatureHelp: ["position"],
  prepareRename: ["position"],
  rename: ["position", "newName"],
  codeAction: ["range", "context"],
  inlayHint: ["range"],
  rangeFormatting: ["range"],
  selectionRange: ["positions"],
  semanticTokensRange: ["range"],
};

type Field = "position" | "positions" | "range" | "context" | "newName";

const PROBLEM: Readonly<Record<Field, string>> = {
  position: "`position` must be { line, character }, each a whole number ≥ 0",
  positions: "`positions` must be a list of { line, character }, each a whole number ≥ 0",
  range: "`range` must be { start, end }, each a { line, character } of whole numbers ≥ 0",
  context: "`context` must be an object with a `diagnostics` list",
  newName: "`newName` must be a string",
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function isPosition(value: unknown): boolean {
  return isObject(value) && [value["line"], value["character"]].every((n) => Number.isInteger(n) && (n as number) >= 0);
}

const VALID: Readonly<Record<Field, (value: unknown) => boolean>> = {
  position: isPosition,
  positions: (value) => Array.isArray(value) && value.every(isPosition),
  range: (value) => isObject(value) && isPosition(value["start"]) && isPosition(value["end"]),
  context: (value) => isObject(value) && Array.isArray(value["diagnostics"]),
  newName: (value) => typeof value === "string",
};

/** What is wrong with the parameters of the request `name` (a handler's name, as `guard` knows it), or undefined. */
export function paramsProblem(name: string, params: unknown): string | undefined {
  if (!isObject(params) || !isObject(params["textDocument"]) || typeof params["textDocument"]["uri"] !== "string") return "`textDocument.uri` must be a string";
  const wrong = (NEEDS[name] ?? []).find((field) => !VALID[field](params[field]));
  return wrong === undefined ? undefined : PROBLEM[wrong];
}
