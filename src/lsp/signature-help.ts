/** Signature help: the call form whose arguments the cursor is in (calls.ts), its argument at the cursor active. */
import type { SignatureHelp, SignatureHelpParams, SignatureInformation } from "vscode-languageserver/node";
import { CALL_FORMS, type CallForm } from "./calls.js";
import { proseAt } from "./completion.js";
import type { FileContext } from "./context.js";
import { lineStartAt } from "./positions.js";

function signature(form: CallForm): SignatureInformation {
  const label = `${form.name}(${form.parameters.map((p) => (p.optional ? `${p.name}?` : p.name)).join(", ")})`;
  return { label, documentation: form.doc, parameters: form.parameters.map((p) => ({ label: p.optional ? `${p.name}?` : p.name, documentation: p.doc })) };
}

/**
 * The call whose arguments the cursor is in, on its line (`attach = vf(x.p0, |`): its signature, with the
 * argument at the cursor active. Nothing outside a call's parentheses, or in a string or comment.
 */
export function signatureHelp(context: FileContext, params: SignatureHelpParams): SignatureHelp | null {
  const text = context.text;
  const offset = context.offsetAt(params.position);
  if (proseAt(text, offset) !== undefined) return null;
  const before = text.slice(lineStartAt(text, offset), offset);
  const open = /\b(attach|pattern)\s*=\s*([a-z]+)\(([^()]*)$/.exec(before);
  if (open === null) return null;
  const form = CALL_FORMS.find((f) => f.name === open[2] && f.attribute === open[1]);
  if (form === undefined) return null;
  const active = Math.min(open[3]!.split(",").length - 1, form.parameters.length - 1);
  return { signatures: [signature(form)], activeSignature: 0, activeParameter: active };
}
