/**
 * Cost profiles: `data/profiles/<name>.json`, validated against `schema/cost-profile.schema.json`, merged
 * with a source's `simulation { cost { ... } }` overrides into the effective figures the IR carries.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ValidateFunction } from "ajv/dist/2020.js";
import { newAjv2020 } from "../semantics/ajv-on-demand.js";
import { precompiledValidator } from "../semantics/precompiled-validator.js";
import { COST_PARAMETERS, type CostParameter, type IrCosts } from "./ir.js";

import { PROFILES_DIRECTORY, profileNames, unknownProfileMessage } from "../semantics/profile-names.js";
export { PROFILES_DIRECTORY, profileNames };
export const COST_PROFILE_SCHEMA_PATH = fileURLToPath(new URL("../../schema/cost-profile.schema.json", import.meta.url));

export interface ProfileParameter {
  readonly value: number;
  readonly unit: string;
  readonly range: readonly [number, number];
  readonly source: string;
  readonly checked?: string;
}

export interface CostProfile {
  readonly name: string;
  readonly description: string;
  readonly parameters: Readonly<Record<CostParameter, ProfileParameter>>;
}

export type ProfileResult = { readonly ok: true; readonly profile: CostProfile } | { readonly ok: false; readonly message: string };

let validator: ValidateFunction | undefined;

function profileValidator(): ValidateFunction {
  validator ??= precompiledValidator("cost-profile") ?? newAjv2020({ allErrors: true }).compile(JSON.parse(readFileSync(COST_PROFILE_SCHEMA_PATH, "utf8")) as object);
  return validator;
}


// Profiles are shipped data that do not change while a process runs: each is read and validated once.
const loaded = new Map<string, ProfileResult>();

/** Loads a shipped profile by name; an unknown name or an invalid file is a message, not an exception. */
export function loadProfile(name: string): ProfileResult {
  let result = loaded.get(name);
  if (result === undefined) {
    result = readProfile(name);
    if (loaded.size < 64) loaded.set(name, result);
  }
  return result;
}

function readProfile(name: string): ProfileResult {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name) || !existsSync(`${PROFILES_DIRECTORY}${name}.json`))
    return { ok: false, message: unknownProfileMessage(name) };
  const json = JSON.parse(readFileSync(`${PROFILES_DIRECTORY}${name}.json`, "utf8")) as unknown;
  const validate = profileValidator();
  if (!validate(json)) {
    const first = validate.errors?.[0];
    return { ok: false, message: `cost profile '${name}' is invalid at '${first?.instancePath ?? ""}': ${first?.message ?? "invalid"}` };
  }
  return { ok: true, profile: json as CostProfile };
}

/** The parameter a source override names: `vm_exit` → `vm_exit`, `vswitch_ovs_dpdk` → `vswitch.ovs_dpdk`, `feature_acl` → `feature.acl`. */
export function parameterForOverride(name: string): CostParameter | "feature.mirroring" | undefined {
  const dotted = name.replace(/^(vswitch|feature)_/, "$1.");
  if (dotted === "feature.mirroring") return dotted;
  return (COST_PARAMETERS as readonly string[]).includes(dotted) ? (dotted as CostParameter) : undefined;
}

/** Every name a `cost { }` block accepts, in source spelling. */
export function overrideNames(): string[] {
  return [...COST_PARAMETERS, "feature.mirroring"].map((p) => p.replace(".", "_"));
}

/** The effective costs: the profile's values, each overridden one replaced. Overrides are in the parameter's unit. */
export function effectiveCosts(profile: CostProfile, overrides: ReadonlyMap<CostParameter | "feature.mirroring", number> = new Map()): IrCosts {
  const params = {} as Record<CostParameter, number>;
  for (const name of COST_PARAMETERS) params[name] = overrides.get(name) ?? profile.parameters[name].value;
  return {
    profile: profile.name,
    params,
    mirroring: overrides.get("feature.mirroring") ?? null,
    overridden: [...overrides.keys()].sort(),
  };
}
