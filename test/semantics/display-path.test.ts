/** How every file is named to the user: the loader's entries and imports, sriovc.json, operator and libvirt files. */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { displayPath, STDIN_PATH } from "../../src/semantics/display-path.js";
import { loadConfig } from "../../src/cli/config.js";
import { tempTree } from "../helpers/tmp.js";

describe("displayPath", () => {
  it("relative to the working directory below it, absolute elsewhere; standard input as <stdin>", () => {
    expect(displayPath("/work/p/a/b.sriov", "/work/p")).toBe("a/b.sriov");
    expect(displayPath("/work/q/b.sriov", "/work/p")).toBe("/work/q/b.sriov");
    expect(displayPath("/work/p", "/work/p")).toBe("/work/p");
    expect(displayPath(STDIN_PATH, "/work/p")).toBe("<stdin>");
  });
  it("a file whose name starts with `..` below the working directory is named relative to it, as any other", () => {
    expect(displayPath("/work/p/..lab.sriov", "/work/p")).toBe("..lab.sriov");
    expect(displayPath("/work/p/..old/a.sriov", "/work/p")).toBe("..old/a.sriov");
    expect(displayPath("/work/a.sriov", "/work/p")).toBe("/work/a.sriov");
  });
  it("sriovc.json is named by the same definition", () => {
    const root = tempTree({ "sub/sriovc.json": "{}\n", "other/sriovc.json": "{}\n" });
    const cwd = path.join(root, "sub");
    expect(loadConfig({ cwd }).file).toBe(displayPath(path.join(cwd, "sriovc.json"), cwd));
    expect(loadConfig({ cwd, configPath: "../other/sriovc.json" }).file).toBe(displayPath(path.join(root, "other/sriovc.json"), cwd));
  });
});
