/**
 * The NIC catalogue: `data/nics.json`, validated against `schema/nic-catalogue.schema.json` when loaded.
 * It gives each `nic { model = "..." }` its limits and the defaults of its PFs; every figure names its
 * source in the data file.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ValidateFunction } from "ajv/dist/2020.js";
import { newAjv2020 } from "./ajv-on-demand.js";
import { precompiledValidator } from "./precompiled-validator.js";
import type { Feature, NicModel } from "./model.js";

export const CATALOGUE_PATH = fileURLToPath(new URL("../../data/nics.json", import.meta.url));
export const CATALOGUE_SCHEMA_PATH = fileURLToPath(new URL("../../schema/nic-catalogue.schema.json", import.meta.url));

/** The model the language falls back to (LANGUAGE.md: `model` defaults to `"generic"`). */
export const GENERIC_MODEL_ID = "generic";

export interface Catalogue {
  /** Models by id, in file order. */
  readonly models: ReadonlyMap<string, NicModel>;
}

export type CatalogueResult = { readonly ok: true; readonly catalogue: Catalogue } | { readonly ok: false; readonly message: string };

const FIGURES = [
  "ports",
  "maxVfsPerPf",
  "maxVfsPerDevice",
  "vmdqPoolsPerPf",
  "msixPerPf",
  "queuesPerPf",
  "defaultSpeedBps",
  "defaultItrS",
  "switchdev",
  "offloadFeatures",
  "vdpa",
  "dpdkBifurcated",
  "maxQueuesPerVf",
  "maxQueuesPerVmdqPool",
] as const;

interface Figure<T> {
  readonly value: T;
  readonly source: string;
  readonly verified: boolean;
}
type NumericField = Exclude<(typeof FIGURES)[number], "switchdev" | "vdpa" | "dpdkBifurcated" | "offloadFeatures">;
type RawModel = { vendor: string; name: string; driver: string } & Record<NumericField, Figure<number>> & {
  switchdev: Figure<boolean>;
  vdpa: Figure<boolean>;
  dpdkBifurcated: Figure<boolean>;
  offloadFeatures: Figure<Feature[]>;
};

let validator: ValidateFunction | undefined;

function catalogueValidator(): ValidateFunction {
  validator ??= precompiledValidator("nic-catalogue") ?? newAjv2020({ allErrors: true }).compile(JSON.parse(readFileSync(CATALOGUE_SCHEMA_PATH, "utf8")) as object);
  return validator;
}

/** Validates parsed JSON and builds the catalogue; the message names the JSON pointer of each problem. */
export function parseCatalogue(data: unknown): CatalogueResult {
  const validate = catalogueValidator();
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath === "" ? "/" : e.instancePath}: ${e.message ?? "invalid"}`);
    return { ok: false, message: `the NIC catalogue is invalid: ${problems.join("; ")}` };
  }
  const raw = (data as { models: Record<string, RawModel> }).models;
  const models = new Map<string, NicModel>();
  for (const [id, entry] of Object.entries(raw)) {
    const sources: Record<string, string> = {};
    for (const field of FIGURES) sources[field] = entry[field].verified ? entry[field].source : `${entry[field].source} (unverified)`;
    models.set(id, {
      id,
      vendor: entry.vendor,
      name: entry.name,
      driver: entry.driver,
      ports: entry.ports.value,
      maxVfsPerPf: entry.maxVfsPerPf.value,
      maxVfsPerDevice: entry.maxVfsPerDevice.value,
      vmdqPoolsPerPf: entry.vmdqPoolsPerPf.value,
      msixPerPf: entry.msixPerPf.value,
      queuesPerPf: entry.queuesPerPf.value,
      defaultSpeedBps: entry.defaultSpeedBps.value,
      defaultItrS: entry.defaultItrS.value,
      switchdev: entry.switchdev.value,
      offloadFeatures: entry.offloadFeatures.value,
      vdpa: entry.vdpa.value,
      dpdkBifurcated: entry.dpdkBifurcated.value,
      maxQueuesPerVf: entry.maxQueuesPerVf.value,
      maxQueuesPerVmdqPool: entry.maxQueuesPerVmdqPool.value,
      sources,
    });
  }
  if (!models.has(GENERIC_MODEL_ID)) return { ok: false, message: `the NIC catalogue has no \`${GENERIC_MODEL_ID}\` model, which the language falls back to` };
  return { ok: true, catalogue: { models } };
}

export function loadCatalogue(path: string = CATALOGUE_PATH): CatalogueResult {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    return { ok: false, message: `cannot read the NIC catalogue ${path}: ${(error as Error).message}` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `the NIC catalogue ${path} is not JSON: ${(error as Error).message}` };
  }
  return parseCatalogue(data);
}

let bundled: Catalogue | undefined;

/**
 * The catalogue shipped with sriovc. A broken shipped catalogue is a bug in sriovc, not in the user's
 * input, so this throws (the CLI reports it as an internal error, exit 2).
 */
export function defaultCatalogue(): Catalogue {
  if (bundled === undefined) {
    const result = loadCatalogue();
    if (!result.ok) throw new Error(result.message);
    bundled = result.catalogue;
  }
  return bundled;
}
