/** `plural` (src/domain/plural.ts): the one helper every message counts with. */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { plural } from "../../src/domain/plural.js";

describe("plural", () => {
  it("agrees the noun with the count, zero taking the plural", () => {
    expect(plural(0, "error")).toBe("0 errors");
    expect(plural(1, "error")).toBe("1 error");
    expect(plural(2, "error")).toBe("2 errors");
    expect(plural(1, "more PF")).toBe("1 more PF");
    expect(plural(3, "vmdq(...) interface")).toBe("3 vmdq(...) interfaces");
  });

  it("takes an irregular plural when given one", () => {
    expect(plural(1, "policy", "policies")).toBe("1 policy");
    expect(plural(2, "policy", "policies")).toBe("2 policies");
  });

  it("has no twin left in src/: no other file spells a count and its noun by its own `${n} noun${n === 1 ? \"\" : \"s\"}`", () => {
    const src = path.resolve(import.meta.dirname, "../../src");
    const twins = readdirSync(src, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts") && f !== path.join("domain", "plural.ts"))
      .filter((f) => /\$\{([\w.]+)\} [\w ]+\$\{\1 === 1 \? "" : "e?s"\}/.test(readFileSync(path.join(src, f), "utf8")));
    expect(twins).toEqual([]);
  });
});
