/** The cost profiles shipped in data/profiles/, by name: what `simulation { profile = "..." }` may name. */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

// Every dist module sits two levels below the package root, as the bundled dist/cli/bin.js does.
export const PROFILES_DIRECTORY = fileURLToPath(new URL("../../data/profiles/", import.meta.url));

let names: string[] | undefined;

export function profileNames(): string[] {
  names ??= readdirSync(PROFILES_DIRECTORY)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .sort();
  return names;
}

/** A profile name that names no shipped profile, in words (a setting's, sriovc.json's or the API's `profile`). */
export function unknownProfileMessage(name: string): string {
  return `unknown cost profile '${name}'; known profiles: ${profileNames().join(", ")}`;
}
