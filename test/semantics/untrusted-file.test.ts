import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRootsOf } from "../../src/semantics/project-root.js";
import { closestNames, MAX_SUGGESTION_WORD, resetSuggestionWork } from "../../src/semantics/suggest.js";
import { decodeUtf8, describeUnreadable, firstInvalidUtf8, readUntrustedFile, wasReadAsInput, type UnreadableReason } from "../../src/semantics/untrusted-file.js";
import { tempTree } from "../helpers/tmp.js";

describe("decodeUtf8", () => {
  it("locates the first invalid sequence: Latin-1, overlong, surrogate, above U+10FFFF, truncated", () => {
    const cases: [number[], number][] = [
      [[0x61, 0xe9, 0x62], 1],
      [[0x61, 0xc0, 0xaf], 1],
      [[0xed, 0xa0, 0x80], 0],
      [[0x41, 0x42, 0xf4, 0x90, 0x80, 0x80], 2],
      [[0xe2, 0x82], 0],
      [[0xe2, 0x82, 0xac, 0xff], 3],
      [[0x80], 0],
    ];
    for (const [bytes, at] of cases) expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(at);
    expect(firstInvalidUtf8(Buffer.from("héllo €𝄞", "utf8"))).toBe(-1);
  });

  it("gives the offset in the text (UTF-16 units) and leaves valid text alone", () => {
    const bytes = Buffer.concat([Buffer.from("𝄞é", "utf8"), Buffer.from([0xe9])]);
    expect(decodeUtf8(bytes)).toEqual({ text: "𝄞é\uFFFD", invalidUtf8: { offset: 3, byte: 0xe9, byteOffset: 6 } });
    expect(decodeUtf8(Buffer.from("ok\u2028", "utf8"))).toEqual({ text: "ok\u2028" });
  });
});

describe("readUntrustedFile", () => {
  it("refuses outside the roots, non-regular files, wrong extensions and files over the limit, before opening", () => {
    const root = tempTree({ "in/a.sriov": "host h { }\n", "in/notes.txt": "x", "out/b.sriov": "host b { }\n", "in/big.sriov": "" });
    truncateSync(path.join(root, "in/big.sriov"), 2048);
    symlinkSync(path.join(root, "out/b.sriov"), path.join(root, "in/link.sriov"));
    const roots = [path.join(root, "in")];
    expect(readUntrustedFile(path.join(root, "in/a.sriov"), { roots })).toMatchObject({ ok: true, text: "host h { }\n" });
    expect(readUntrustedFile(path.join(root, "in/link.sriov"), { roots })).toEqual({ ok: false, reason: { kind: "outside-roots", realPath: path.join(root, "out/b.sriov") } });
    expect(readUntrustedFile("/dev/zero")).toEqual({ ok: false, reason: { kind: "not-regular", what: "a character device" } });
    expect(readUntrustedFile(path.join(root, "in"))).toEqual({ ok: false, reason: { kind: "directory" } });
    expect(readUntrustedFile(path.join(root, "in/notes.txt"), { requireExtension: ".sriov" })).toMatchObject({ ok: false, reason: { kind: "wrong-extension" } });
    expect(readUntrustedFile(path.join(root, "in/big.sriov"), { maxBytes: 1024 })).toEqual({ ok: false, reason: { kind: "too-large", size: 2048, maxBytes: 1024 } });
    expect(readUntrustedFile(path.join(root, "in/nope.sriov"))).toEqual({ ok: false, reason: { kind: "not-found" } });
  });

  it("says where a dangling symbolic link points, not that there is no such file", () => {
    const root = tempTree({ "in/a.sriov": "host h { }\n" });
    symlinkSync("gone.sriov", path.join(root, "in/link.sriov"));
    const read = readUntrustedFile(path.join(root, "in/link.sriov"));
    expect(read).toEqual({ ok: false, reason: { kind: "dangling-link", target: "gone.sriov" } });
    expect(describeUnreadable((read as { reason: UnreadableReason }).reason)).toBe("it is a symbolic link to 'gone.sriov', which does not exist");
  });

  it("refuses a path with a NUL character in words, not with Node's ERR_INVALID_ARG_VALUE", () => {
    const root = tempTree({ "in/a.sriov": "host h { }\n" });
    const read = readUntrustedFile(path.join(root, "in/a.sriov\0.txt"));
    expect(read).toEqual({ ok: false, reason: { kind: "nul-in-name" } });
    expect(describeUnreadable((read as { reason: UnreadableReason }).reason)).toBe("a file name cannot hold a NUL character (U+0000)");
  });

  it("refuses a name longer than the file system allows in words, not with the errno code ENAMETOOLONG", () => {
    const root = tempTree({ "in/a.sriov": "host h { }\n" });
    const read = readUntrustedFile(path.join(root, "in", `${"a".repeat(300)}.sriov`));
    expect(read).toEqual({ ok: false, reason: { kind: "name-too-long" } });
    expect(describeUnreadable((read as { reason: UnreadableReason }).reason)).toBe("the name is longer than the file system allows");
  });

  it("reads no further than the limit when a file claims to be empty (/proc)", () => {
    const read = readUntrustedFile("/proc/self/status", { maxBytes: 16 });
    expect(read).toMatchObject({ ok: false, reason: { kind: "too-large", maxBytes: 16 } });
  });

  it("remembers what it read, by device and inode (another name for the same file counts)", () => {
    const root = tempTree({ "a.sriov": "host h { }\n" });
    symlinkSync("a.sriov", path.join(root, "alias.sriov"));
    expect(wasReadAsInput(path.join(root, "alias.sriov"))).toBe(false);
    readUntrustedFile(path.join(root, "a.sriov"));
    expect(wasReadAsInput(path.join(root, "alias.sriov"))).toBe(true);
  });
});

describe("projectRootsOf", () => {
  it("sriovc.json first (with importRoots), else .git, else the directory itself", () => {
    const root = tempTree({ "repo/hosts/a.sriov": "", "repo/shared/x.sriov": "", "proj/sriovc.json": '{ "importRoots": ["../repo/shared", "missing"] }', "proj/sub/a.sriov": "", "lone/a.sriov": "" });
    mkdirSync(path.join(root, "repo/.git"));
    expect(projectRootsOf(path.join(root, "repo/hosts"))).toEqual({ roots: [path.join(root, "repo")] });
    expect(projectRootsOf(path.join(root, "proj/sub"))).toEqual({ roots: [path.join(root, "proj"), path.join(root, "repo/shared")], projectFile: path.join(root, "proj/sriovc.json") });
    writeFileSync(path.join(root, "lone/x"), "");
    expect(projectRootsOf(path.join(root, "lone")).roots[0]).toBe(path.join(root, "lone"));
  });
});

describe("suggestion bounds", () => {
  it("no suggestion for a word over the length cap; a run's work budget ends suggestions, not errors", () => {
    resetSuggestionWork();
    expect(closestNames("web-1x", ["web-1", "db"])).toEqual(["web-1"]);
    expect(closestNames("w".repeat(MAX_SUGGESTION_WORD + 1), ["w".repeat(MAX_SUGGESTION_WORD)])).toEqual([]);
    const names = Array.from({ length: 4000 }, (_, i) => `${"n".repeat(60)}${i}`);
    for (let i = 0; i < 200; i++) closestNames(`${"n".repeat(60)}x${i}`, names);
    expect(closestNames("web-1x", ["web-1"])).toEqual([]);
    resetSuggestionWork();
    expect(closestNames("web-1x", ["web-1"])).toEqual(["web-1"]);
  });
});
