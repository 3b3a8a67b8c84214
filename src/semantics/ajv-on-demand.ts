/**
 * Ajv, loaded the first time a schema has to be compiled at run time (a config file, or running from src
 * without the build's precompiled validators). A static import would make every `sriovc` start parse and
 * evaluate ajv (about 160 KB of the bundle) although a built `check` of a `.sriov` file never compiles a
 * schema (docs/PERFORMANCE.md). Ajv is CommonJS, so `require` loads it synchronously, from node_modules
 * beside the bundle, and the callers stay synchronous.
 */
import { createRequire } from "node:module";
import type { Ajv2020 as Ajv2020Class } from "ajv/dist/2020.js";

const load = createRequire(import.meta.url);
let ajvClass: typeof Ajv2020Class | undefined;

/** `new Ajv2020(options)`, loading ajv on the first call. */
export function newAjv2020(options: ConstructorParameters<typeof Ajv2020Class>[0]): Ajv2020Class {
  ajvClass ??= (load("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js")).Ajv2020;
  return new ajvClass(options);
}
