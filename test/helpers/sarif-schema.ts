import { readFileSync } from "node:fs";
import * as path from "node:path";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

const SCHEMA = path.resolve(import.meta.dirname, "../fixtures/sarif-2.1.0.json");

let validator: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** Validates a SARIF log against the official 2.1.0 schema (with its uri/date-time formats); returns the errors. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (validator === undefined) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(JSON.parse(readFileSync(SCHEMA, "utf8")));
  }
  return validator(log) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
