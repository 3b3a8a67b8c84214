/** An option that takes one value, given twice, is a usage error; a repeatable one (--what-if) collects. */
import { describe, expect, it } from "vitest";
import { sriovc } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

const TOPOLOGY = "host h1 {\n  cores = 8\n  nic x { pf p { vfs = 4 } }\n  vm a { iface e { attach = vf(x.p) } }\n}\ntraffic t { to = h1.a.e  rate = 10Kpps }\n";

describe("an option given twice", () => {
  it("is a usage error naming the option and both values, not the last value silently (exit 2, nothing on stdout)", () => {
    const dir = tempTree({ "t.sriov": TOPOLOGY });
    expect(sriovc(["check", "--format", "json", "--format", "sarif", "t.sriov"], { cwd: dir })).toEqual({
      code: 2,
      stdout: "",
      stderr: "sriovc: option '--format <format>' was given twice ('json', then 'sarif'): it takes one value\n",
    });
    expect(sriovc(["compile", "t.sriov", "-o", "a.json", "--output", "b.json"], { cwd: dir })).toEqual({
      code: 2,
      stdout: "",
      stderr: "sriovc: option '-o, --output <path>' was given twice ('a.json', then 'b.json'): it takes one value\n",
    });
    expect(sriovc(["simulate", "t.sriov", "--seed=1", "--seed=2"], { cwd: dir }).stderr).toBe("sriovc: option '--seed <n>' was given twice ('1', then '2'): it takes one value\n");
  });

  it("keeps repeatable options and flags working: --what-if collects, a flag twice is the flag", () => {
    const dir = tempTree({ "t.sriov": TOPOLOGY });
    const twice = sriovc(["simulate", "t.sriov", "--format", "json", "--duration", "1ms", "--what-if", "h1.a.e=dpdk", "--what-if", "h1.a.e=vf"], { cwd: dir });
    expect(twice.stderr).toBe("");
    expect(twice.code).toBe(0);
    expect(sriovc(["check", "--quiet", "--quiet", "t.sriov"], { cwd: dir })).toMatchObject({ code: 0, stderr: "" });
  });
});
