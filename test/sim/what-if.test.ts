/** `--what-if` re-attachment and the paths `--compare` tries. */
import { describe, expect, it } from "vitest";
import { validateIr } from "../../src/lower/validate.js";
import { parseWhatIf, possiblePaths, reattach } from "../../src/sim/what-if.js";
import { fixtureIr } from "./ir-fixtures.js";

describe("what-if", () => {
  it("parses IFACE=MODE", () => {
    expect(parseWhatIf("h1.db.eth0=vf")).toEqual({ iface: "h1.db.eth0", path: "vf" });
    expect(parseWhatIf("h1.db.eth0")).toBeUndefined();
    expect(parseWhatIf("=vf")).toBeUndefined();
  });
  it("re-attaches on each path with a valid IR and the right cores", () => {
    const ir = fixtureIr({ path: "vf" });
    for (const path of ["vswitch", "vmdq", "vf"]) {
      const result = reattach(ir, "h1.web1.eth0", path);
      if (!result.ok) throw new Error(result.message);
      const iface = result.ir.ifaces[0]!;
      expect(iface.attachment.kind).toBe(path);
      expect(iface.irqCore).toBe(path === "vswitch" ? 0 : 4);
      expect(validateIr(JSON.parse(JSON.stringify(result.ir))).ok).toBe(true);
    }
  });
  it("explains what cannot be done", () => {
    expect(reattach(fixtureIr({ path: "vf" }), "h1.web1.eth0", "pf")).toEqual({ ok: false, message: "cannot re-attach 'h1.web1.eth0' on pf: pf(...) is only for bare-metal host interfaces" });
    expect(reattach(fixtureIr({ path: "vf" }), "h1.web9.eth0", "vf")).toEqual({ ok: false, message: "unknown interface 'h1.web9.eth0'; interfaces: h1.web1.eth0" });
  });
  it("lists the paths an interface could use", () => {
    expect(possiblePaths(fixtureIr({ path: "vmdq" }), fixtureIr({ path: "vmdq" }).ifaces[0]!)).toEqual(["vswitch", "vmdq", "vf"]);
    expect(possiblePaths(fixtureIr({ path: "pf" }), fixtureIr({ path: "pf" }).ifaces[0]!)).toEqual(["pf"]);
  });
});
