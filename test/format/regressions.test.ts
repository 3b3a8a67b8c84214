/**
 * Counterexamples the random comment tests found, shrunk by hand to a few lines; each expected output is
 * written here by hand, and must be canonical (formatting it again changes nothing).
 */
import { describe, expect, it } from "vitest";
import { formatSource } from "../../src/format/format.js";

async function expectCanonical(input: string, expected: string): Promise<void> {
  const once = await formatSource(input);
  expect(once).toBe(expected);
  expect(await formatSource(once)).toBe(expected);
}

describe("formatter regressions", () => {
  // Found by the comments-anywhere test (seed -634163625, run 9706): the second comment was
  // printed at the call's indentation, and indented with the argument on the next run.
  it("a line comment right after a call's `(` that follows a line comment after the call's name", async () => {
    await expectCanonical(
      "host h {\n  a = [0, [1, a// first\n(// second\ntrue)]]\n}\n",
      [
        "host h {",
        "  a = [",
        "    0,",
        "    [",
        "      1,",
        "      a( // first",
        "        // second",
        "        true",
        "      ),",
        "    ],",
        "  ]",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("the same outside lists, and with an own-line comment before `(`", async () => {
    await expectCanonical("host h {\n  a = a // first\n// second\n(true)\n}\n", "host h {\n  a = a( // first\n    // second\n    true\n  )\n}\n");
  });

  // A block comment between `template` and the block kind was printed after the kind, before the name.
  it("a block comment between `template` and the block kind stays there", async () => {
    await expectCanonical("template /* shared */ vm small { vcpus = 2 }\n", "template /* shared */ vm small {\n  vcpus = 2\n}\n");
    await expectCanonical("template /* a */ /* b */ vm /* c */ small {}\n", "template /* a */ /* b */ vm /* c */ small {}\n");
    // A line comment in the header moves the header's comments before the template, in their order.
    await expectCanonical("template /* a */ // b\nvm small { vcpus = 2 }\n", "/* a */ // b\ntemplate vm small {\n  vcpus = 2\n}\n");
  });
});
