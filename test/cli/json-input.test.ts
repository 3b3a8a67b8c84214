import { describe, expect, it } from "vitest";
import { jsonErrorOffset, jsonPointerPlaces, parseJsonFile, parseJsonInput } from "../../src/cli/json-input.js";
import { decodeUtf8 } from "../../src/semantics/untrusted-file.js";

describe("parseJsonInput: a JSON input that is not JSON is located, whatever V8's message says", () => {
  it("names the line and column of the offending token (V8's `Unexpected token` message has no position)", () => {
    expect(parseJsonInput('{\n  "rules": {\n    "unused-vf": off\n  }\n}', "sriovc.json")).toEqual({ ok: false, message: "sriovc.json:3:18: not valid JSON: Unexpected token 'o'" });
    expect(parseJsonInput("PATH=/usr/local/secret\n", "env.json")).toEqual({ ok: false, message: "env.json:1:1: not valid JSON: Unexpected token 'P'" });
    expect(parseJsonInput('{"a": 1,\r\n "b": [1,]}', "x.json")).toEqual({ ok: false, message: "x.json:2:10: not valid JSON: Unexpected token ']'" });
    expect(parseJsonInput('{\n  "a": 1\n', "x.json")).toEqual({ ok: false, message: "x.json:3:1: not valid JSON: Expected ',' or '}' after property value" });
    expect(parseJsonInput('{\n  "a": 1,\n}', "x.json")).toEqual({ ok: false, message: "x.json:3:1: not valid JSON: Expected double-quoted property name" });
  });

  it("returns the value of valid JSON", () => {
    expect(parseJsonInput('{"a": [1, -2.5e3, "\\u00e9", true, null]}', "x.json")).toEqual({ ok: true, value: { a: [1, -2500, "é", true, null] } });
  });

  it("finds the offset where JSON.parse stops, for each kind of mistake", () => {
    const cases: [string, number][] = [
      ["[x]", 1],
      ['{"a": }', 6],
      ['{"a":1,}', 7],
      ["", 0],
      ["   ", 3],
      ["1.", 2],
      ["-", 1],
      ['"abc', 4],
      ['"a\u0001"', 2],
      ['"\\x"', 2],
      ['"\\u12g4"', 5],
      ["01", 1],
      ["1e", 2],
      ["[1] x", 4],
      ["tru", 3],
      ["trux", 3],
      ['{"a" 1}', 5],
      ["{1:2}", 1],
      ["[".repeat(100_000), 100_000],
    ];
    for (const [text, offset] of cases) {
      expect(() => JSON.parse(text), text).toThrow();
      expect([text, jsonErrorOffset(text)]).toEqual([text, offset]);
    }
    for (const text of ["0", "-0.5E+7", '{"a":{"b":[[],{}]}}', ' "\\ud800" ', "[1e400]"]) expect([text, jsonErrorOffset(text)]).toEqual([text, -1]);
  });
});

describe("parseJsonFile: a file as read", () => {
  it("refuses its first byte that is not UTF-8, and reads past a byte-order mark", () => {
    expect(parseJsonFile(decodeUtf8(Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d])), "p.json")).toEqual({ ok: false, message: "p.json: not valid UTF-8 at byte 2" });
    expect(parseJsonFile(decodeUtf8(Buffer.from('\uFEFF{"a": 1}', "utf8")), "p.json")).toEqual({ ok: true, value: { a: 1 } });
  });
});

describe("jsonPointerPlaces: where a schema error's JSON pointer is in the file", () => {
  it("gives the line and column of the value each pointer names, as JSON.parse read it", () => {
    const text = '\uFEFF{\n  "a": [10, {"b/c": true, "d~e": [[], {}]}],\n  "x": 1,\n  "\\u0078": "last wins",\n  "": null\n}\n';
    const places = jsonPointerPlaces(text, "f.json", ["", "/a", "/a/0", "/a/1", "/a/1/b~1c", "/a/1/d~0e/1", "/x", "/", "/a/2", "/nope"]);
    expect(Object.fromEntries(places)).toEqual({
      "": "f.json:1:1",
      "/a": "f.json:2:8",
      "/a/0": "f.json:2:9",
      "/a/1": "f.json:2:13",
      "/a/1/b~1c": "f.json:2:21",
      "/a/1/d~0e/1": "f.json:2:39",
      // `"\u0078"` is a second "x": JSON.parse keeps its value, so the pointer names that one.
      "/x": "f.json:4:13",
      "/": "f.json:5:7",
    });
  });

  it("names nothing in a text that is not JSON, and scans a deep file without recursion", () => {
    expect(jsonPointerPlaces('{"a": x}', "f.json", ["/a"]).size).toBe(0);
    const deep = `${"[".repeat(100_000)}1${"]".repeat(100_000)}`;
    expect(jsonPointerPlaces(deep, "f.json", [`${"/0".repeat(100_000)}`]).get(`${"/0".repeat(100_000)}`)).toBe("f.json:1:100001");
  });
});
