import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { isInside } from "../../src/syntax/paths.js";

describe("isInside", () => {
  const folder = path.resolve("/w/folder");
  it.each([
    ["the folder itself", folder, true],
    ["a file in it", path.join(folder, "a.sriov"), true],
    ["a file whose name starts with `..`", path.join(folder, "..x.sriov"), true],
    ["a folder whose name is `...`", path.join(folder, "...", "a.sriov"), true],
    ["its parent", path.dirname(folder), false],
    ["a file beside it", path.resolve("/w/other.sriov"), false],
    ["a folder whose name starts with the folder's", path.resolve("/w/folder2/a.sriov"), false],
  ])("%s: %s", (_, file, inside) => {
    expect(isInside(file, folder)).toBe(inside);
  });
});
