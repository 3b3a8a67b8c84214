/**
 * Realistic broken inputs and the first diagnostic each must get: rule `syntax`, where, what, the help
 * line (every syntax error has one) and the "opened here" note of an unclosed block or bracket. Each
 * mistake is one error on its own token: a repaired mistake does not cascade into more.
 */
import { describe, expect, it } from "vitest";
import type { Block } from "../../src/syntax/ast.js";
import { parseSource } from "../../src/syntax/parse.js";

interface Case {
  readonly name: string;
  readonly text: string;
  /** line:column-endLine:endColumn, 1-based, end exclusive. */
  readonly at: string;
  readonly message: string;
  readonly help: string;
  readonly related?: readonly string[];
}

const CASES: readonly Case[] = [
  {
    name: "colon for equals",
    text: "host h1 {\n  cores: 8\n}\n",
    at: "2:8-2:9",
    message: "expected '=' after `cores` but found ':'",
    help: "attributes are written `cores = value`: replace `:` with `=`",
  },
  {
    name: "colon for equals, nested",
    text: "host h1 {\n  nic x710 {\n    model: \"intel-x710\"\n  }\n}\n",
    at: "3:10-3:11",
    message: "expected '=' after `model` but found ':'",
    help: "attributes are written `model = value`: replace `:` with `=`",
  },
  {
    name: "missing brace named",
    text: "host h1 {\n  nic x710 {\n    model = \"intel-x710\"\n  vm web {\n    vcpus = 2\n  }\n}\n",
    at: "7:2-7:2",
    message: "expected '}' to close `nic x710` but found the end of the file",
    help: "add `}` to close `nic x710` before line 4, where the indentation returns to its level",
    related: ["2:12 `nic x710` opened here"],
  },
  {
    name: "missing brace at end",
    text: "host h1 {\n  cores = 8\n",
    at: "2:12-2:12",
    message: "expected '}' to close `host h1` but found the end of the file",
    help: "add `}` after the last member of `host h1`",
    related: ["1:9 `host h1` opened here"],
  },
  {
    name: "missing brace of the last vm",
    text: "host h1 {\n  vm web {\n    vcpus = 2\n}\n",
    at: "4:2-4:2",
    message: "expected '}' to close `vm web` but found the end of the file",
    help: "add `}` to close `vm web` before line 4, where the indentation returns to its level",
    related: ["2:10 `vm web` opened here"],
  },
  {
    name: "unclosed call",
    text: "host h1 {\n  vm web {\n    iface eth0 {\n      attach = vf(x710.pf0\n      vlan = 100\n    }\n  }\n}\n",
    at: "4:27-4:27",
    message: "expected ')' to close `vf(` but found 'vlan'",
    help: "add `)` after the last argument of `vf(`",
    related: ["4:18 `vf(` opened here"],
  },
  {
    name: "unclosed list",
    text: "host h1 {\n  vswitch br0 {\n    features = [security_groups, mirroring\n  }\n}\n",
    at: "3:43-3:43",
    message: "expected ']' to close the list of `features` but found '}'",
    help: "add `]` after the last item of the list of `features`, and separate items with `,`",
    related: ["3:16 the list of `features` opened here"],
  },
  {
    name: "space in quantity GHz",
    text: "host h1 {\n  freq = 2.4 GHz\n}\n",
    at: "2:10-2:17",
    message: "a space separates the number 2.4 from its unit `GHz`",
    help: "write the unit right after the number: `2.4GHz`",
  },
  {
    name: "space in quantity Gbps",
    text: "host h1 {\n  nic n {\n    pf p0 {\n      speed = 25 Gbps\n    }\n  }\n}\n",
    at: "4:15-4:22",
    message: "a space separates the number 25 from its unit `Gbps`",
    help: "write the unit right after the number: `25Gbps`",
  },
  {
    name: "space in quantity Mpps",
    text: "traffic t {\n  to = h1.web.eth0\n  rate = 1 Mpps\n}\n",
    at: "3:10-3:16",
    message: "a space separates the number 1 from its unit `Mpps`",
    help: "write the unit right after the number: `1Mpps`",
  },
  {
    name: "trailing comma",
    text: "host h1 {\n  vm web {\n    vcpus = 2,\n  }\n}\n",
    at: "3:14-3:15",
    message: "unexpected ','",
    help: "attributes are separated by line breaks, not commas: remove the `,`",
  },
  {
    name: "comma between attributes on a line",
    text: "host h1 { cores = 8, freq = 2.4GHz }\n",
    at: "1:20-1:21",
    message: "unexpected ','",
    help: "attributes are separated by line breaks, not commas: remove the `,`",
  },
  {
    name: "semicolon after block",
    text: "host h1 {\n  cores = 8\n};\n",
    at: "3:2-3:3",
    message: "unexpected ';'",
    help: "a block ends at its `}` and needs no `;`: remove it",
  },
  {
    name: "semicolon in list",
    text: "host h1 {\n  vswitch br0 {\n    features = [security_groups; mirroring]\n  }\n}\n",
    at: "3:32-3:33",
    message: "unexpected ';' inside a list",
    help: "separate list and argument items with `,`",
  },
  {
    name: "misspelled host",
    text: "hots h1 {\n  cores = 8\n}\n",
    at: "1:1-1:5",
    message: "`hots` is not a block kind",
    help: "did you mean `host`?",
  },
  {
    name: "misspelled vswitch",
    text: "host h1 {\n  vswtich br0 {\n  }\n}\n",
    at: "2:3-2:10",
    message: "`vswtich` is not a block kind",
    help: "did you mean `vswitch`?",
  },
  {
    name: "interface for iface",
    text: "host h1 {\n  vm web {\n    interface eth0 {\n      attach = vswitch(br0)\n    }\n  }\n}\n",
    at: "3:5-3:14",
    message: "`interface` is not a block kind",
    help: "did you mean `iface`?",
  },
  {
    name: "misspelled container",
    text: "host h1 {\n  hypervisor = none\n  contianer web {\n  }\n}\n",
    at: "3:3-3:12",
    message: "`contianer` is not a block kind",
    help: "did you mean `container`?",
  },
  {
    name: "misspelled traffic",
    text: "trafic t {\n  to = h1.web.eth0\n}\n",
    at: "1:1-1:7",
    message: "`trafic` is not a block kind",
    help: "did you mean `traffic`?",
  },
  {
    name: "misspelled import",
    text: "improt \"./lib.sriov\"\nhost h1 { }\n",
    at: "1:1-1:7",
    message: "`improt` is not a keyword",
    help: "did you mean `import`?",
  },
  {
    name: "unknown block kind",
    text: "host h1 {\n  widget w {\n  }\n}\n",
    at: "2:3-2:9",
    message: "`widget` is not a block kind",
    help: "blocks are host, nic, pf, vswitch, vm, container, iface, traffic, simulation and cost; an attribute is `name = value`",
  },
  {
    name: "yaml style",
    text: "host h1:\n  cores: 8\n  nic x710:\n    model: intel-x710\n",
    at: "1:8-1:9",
    message: "a block is written with braces, not with `:` and indentation",
    help: "write `host h1 { … }`, with `name = value` attributes inside the braces (see the example in LANGUAGE.md)",
  },
  {
    // Unindented YAML is still YAML: its next line is a `key:`.
    name: "yaml style, unindented",
    text: "host h1:\ncores: 8\nnuma_nodes: 1\n",
    at: "1:8-1:9",
    message: "a block is written with braces, not with `:` and indentation",
    help: "write `host h1 { … }`, with `name = value` attributes inside the braces (see the example in LANGUAGE.md)",
  },
  {
    // Typing a template use above other blocks: the file goes on at the same depth, so it is no YAML.
    name: "template use being typed",
    text: "host h2 {\n  cores = 4\n  vm a : \n  vm b {\n    vcpus = 2\n  }\n}\n",
    at: "3:8-3:9",
    message: "expected a template's name after `vm a :`",
    help: "write `vm a : template_name { … }`, or `vm a { … }` without a template",
  },
  {
    name: "template use being typed, last in its block",
    text: "host h2 {\n  vm b {\n    vcpus = 2\n  }\n  vm a :\n}\n",
    at: "5:8-5:9",
    message: "expected a template's name after `vm a :`",
    help: "write `vm a : template_name { … }`, or `vm a { … }` without a template",
  },
  {
    name: "bad mac digit",
    text: "host h1 {\n  vm web {\n    iface eth0 {\n      mac = 52:54:00:zz:00:01\n    }\n  }\n}\n",
    at: "4:13-4:30",
    message: "`52:54:00:zz:00:01` is not a MAC address: `zz` is not a byte in hex",
    help: "each of the six bytes is two hex digits (0-9, a-f), such as `52:54:00:12:34:56`; or write `mac = auto`",
  },
  {
    name: "mac with five bytes",
    text: "host h1 {\n  vm web {\n    iface eth0 {\n      mac = 52:54:00:00:01\n    }\n  }\n}\n",
    at: "4:13-4:27",
    message: "`52:54:00:00:01` is not a MAC address: it has 5 bytes, not 6",
    help: "a MAC address is six bytes of two hex digits, such as `52:54:00:12:34:56`, or `mac = auto`",
  },
  {
    name: "mac with dashes",
    text: "host h1 {\n  vm web {\n    iface eth0 {\n      mac = 52-54-00-12-34-56\n    }\n  }\n}\n",
    at: "4:13-4:30",
    message: "a MAC address is written with ':' between its bytes, not '-'",
    help: "write `52:54:00:12:34:56`",
  },
  {
    name: "mac in Cisco's dotted form",
    text: "host h1 {\n  vm web {\n    iface eth0 {\n      mac = 5254.0000.0002\n    }\n  }\n}\n",
    at: "4:13-4:27",
    message: "`5254.0000.0002` is not a MAC address in the accepted form: a MAC is six bytes with ':' between them, not three groups with '.' (Cisco's form)",
    help: "write `52:54:00:00:00:02`",
  },
  {
    name: "mac in Cisco's dotted form, starting with a letter",
    text: "host h1 {\n  vm web {\n    iface eth0 {\n      mac = aabb.CC00.0102\n    }\n  }\n}\n",
    at: "4:13-4:27",
    message: "`aabb.CC00.0102` is not a MAC address in the accepted form: a MAC is six bytes with ':' between them, not three groups with '.' (Cisco's form)",
    help: "write `aa:bb:cc:00:01:02`",
  },
  {
    name: "mac with a one-digit byte",
    text: "host h1 {\n  vm web {\n    iface eth0 {\n      mac = 52:54:0:12:34:56\n    }\n  }\n}\n",
    at: "4:13-4:29",
    message: "`52:54:0:12:34:56` is not a MAC address: `0` is not a byte in hex",
    help: "each of the six bytes is two hex digits (0-9, a-f), such as `52:54:00:12:34:56`; or write `mac = auto`",
  },
  {
    name: "pci bad digit",
    text: "host h1 {\n  nic n {\n    pf p0 {\n      pci = 0000:03:0g.0\n    }\n  }\n}\n",
    at: "4:13-4:25",
    message: "`0000:03:0g.0` is not a PCI address",
    help: "a PCI address is `domain:bus:device.function` in hex: four, two and two digits, then one (`0000:03:00.1`); `lspci -D` lists them",
  },
  {
    name: "pci without domain",
    text: "host h1 {\n  nic n {\n    pf p0 {\n      pci = 03:00.0\n    }\n  }\n}\n",
    at: "4:13-4:20",
    message: "the PCI address `03:00.0` has no domain",
    help: "write the full address, as `lspci -D` prints it: `0000:03:00.0`",
  },
  {
    name: "hash comment",
    text: "# lab topology\nhost h1 {\n  cores = 8\n}\n",
    at: "1:1-1:2",
    message: "comments start with `//`, not `#`",
    help: "write `//` for a comment to the end of the line, or `/* … */`",
  },
  {
    name: "single quotes",
    text: "host h1 {\n  nic n {\n    model = 'intel-x710'\n  }\n}\n",
    at: "3:13-3:25",
    message: "strings are written in double quotes",
    help: "write `\"intel-x710\"`",
  },
  {
    name: "dash range",
    text: "host h1 {\n  hypervisor_cores = 0-1\n}\n",
    at: "2:22-2:25",
    message: "`0-1` is not a range",
    help: "a range is written with two dots: `0..1`",
  },
  {
    name: "three-dot range",
    text: "host h1 {\n  hypervisor_cores = 0...1\n}\n",
    at: "2:25-2:26",
    message: "a range has two dots, not three",
    help: "write `..`: `2..5` includes both ends",
  },
  {
    name: "double equals",
    text: "host h1 {\n  cores == 8\n}\n",
    at: "2:10-2:11",
    message: "unexpected second '='",
    help: "an attribute is `name = value`, with one `=`: remove this one",
  },
  {
    name: "missing equals",
    text: "host h1 {\n  cores 8\n}\n",
    at: "2:8-2:9",
    message: "expected '=' between `cores` and its value",
    help: "write `cores = 8`",
  },
  {
    name: "missing value",
    text: "host h1 {\n  cores =\n}\n",
    at: "3:1-3:2",
    message: "expected a value but found '}'",
    help: "give `cores` a value: a number, a quantity such as `10Gbps`, a string, a name, a range `0..3` or a list `[…]`",
  },
  {
    name: "missing value before brace",
    text: "host h1 { cores = }\n",
    at: "1:19-1:20",
    message: "expected a value but found '}'",
    help: "give `cores` a value: a number, a quantity such as `10Gbps`, a string, a name, a range `0..3` or a list `[…]`",
  },
  {
    name: "attribute at top level",
    text: "cores = 8\nhost h1 { }\n",
    at: "1:1-1:6",
    message: "expected an import, a template or a block but found 'cores'",
    help: "attributes belong inside a block, such as `host h1 { cores = … }`",
  },
  {
    name: "stray closing brace",
    text: "host h1 {\n  cores = 8\n}\n}\n",
    at: "4:1-4:2",
    message: "unexpected '}': no block is open here",
    help: "remove this `}`, or look above for a `}` too many",
  },
  {
    name: "block without a name",
    text: "host h1 {\n  vm {\n  }\n}\n",
    at: "2:3-2:5",
    message: "a `vm` block needs a name",
    help: "name it: `vm NAME { … }`; other blocks refer to it by that name",
  },
  {
    name: "negative number",
    text: "host h1 {\n  nic n {\n    pf p0 { vfs = -1 }\n  }\n}\n",
    at: "3:19-3:20",
    message: "unexpected character '-': numbers cannot be negative",
    help: "every count, size, rate and duration is 0 or more: remove the `-`",
  },
  {
    name: "unterminated string",
    text: "host h1 {\n  nic n {\n    model = \"intel-x710\n  }\n}\n",
    at: "3:13-3:24",
    message: "unterminated string",
    help: "close the string with `\"` before the end of the line",
  },
  {
    name: "unterminated block comment",
    text: "host h1 { }\n/* old\n",
    at: "2:1-2:3",
    message: "unterminated block comment",
    help: "close the comment with `*/`",
  },
  {
    name: "fractional replica bound",
    text: "host h1 {\n  vm web[1.5..3] { }\n}\n",
    at: "2:10-2:13",
    message: "expected an integer but found '1.5'",
    help: "ranges and replicated names count in whole numbers, such as `web[1..4]` or `pin = 2..5`",
  },
  {
    name: "missing comma in list",
    text: "host h1 {\n  vswitch br0 {\n    features = [security_groups mirroring]\n  }\n}\n",
    at: "3:32-3:33",
    message: "expected ',' between `security_groups` and `mirroring`",
    help: "separate list items with `,`: `security_groups, mirroring`",
  },
  {
    name: "unknown character",
    text: "host h1 {\n  cores = 8 @\n}\n",
    at: "2:13-2:14",
    message: "unexpected character '@'",
    help: "expected a name, a number, a quantity, a string, a MAC or PCI address, or punctuation",
  },
  {
    name: "json style",
    text: "{\n  \"host\": \"h1\"\n}\n",
    at: "1:1-1:2",
    message: "expected an import, a template or a block but found '{'",
    help: "a file holds imports (`import \"other.sriov\"`), templates and blocks: host, traffic and simulation",
  },
  {
    name: "hexadecimal number",
    text: "host h1 {\n  cores = 0x1f\n}\n",
    at: "2:11-2:15",
    message: "`0x1f` is a hexadecimal number: numbers are written in decimal",
    help: "write `31`",
  },
  {
    name: "scientific notation",
    text: "host h1 {\n  freq = 2.5e9Hz\n}\n",
    at: "2:10-2:17",
    message: "`2.5e9Hz` is in scientific notation: numbers are written in decimal",
    help: "write `2500000000Hz`",
  },
  {
    name: "a percent sign after a space",
    text: "host h1 {\n  overcommit = 150 %\n}\n",
    at: "2:16-2:21",
    message: "a space separates the number 150 from its unit `%`",
    help: "write the unit right after the number: `150%`",
  },
  {
    name: "microseconds as a report prints them, with the space",
    text: "simulation {\n  duration = 12.3 \u00b5s\n}\n",
    at: "2:14-2:21",
    message: "a space separates the number 12.3 from its unit `\u00b5s`",
    help: "write the unit right after the number: `12.3\u00b5s`",
  },
  {
    name: "microseconds with the Greek mu, with the space",
    text: "simulation {\n  duration = 5 \u03bcs\n}\n",
    at: "2:14-2:18",
    message: "a space separates the number 5 from its unit `\u03bcs`",
    help: "write the unit right after the number: `5\u03bcs`",
  },
  {
    name: "percent with a space",
    text: "simulation {\n  duration = 10 ms\n}\n",
    at: "2:14-2:19",
    message: "a space separates the number 10 from its unit `ms`",
    help: "write the unit right after the number: `10ms`",
  },
  {
    name: "bad escape",
    text: "host h1 {\n  description = \"a\\qb\"\n}\n",
    at: "2:19-2:21",
    message: "unknown escape '\\q' in a string",
    help: "the escapes are \\\", \\\\, \\n, \\t and \\u{HEX}",
  },
  {
    name: "missing name before brace in traffic",
    text: "traffic {\n  rate = 1Mpps\n}\n",
    at: "1:1-1:8",
    message: "a `traffic` block needs a name",
    help: "name it: `traffic NAME { … }`; other blocks refer to it by that name",
  },
  {
    name: "deep missing brace after pf",
    text: "host h1 {\n  nic x710 {\n    model = \"intel-x710\"\n    pf p0 {\n      vfs = 8\n    pf p1 {\n      vfs = 4\n    }\n  }\n}\n",
    at: "10:2-10:2",
    message: "expected '}' to close `pf p0` but found the end of the file",
    help: "add `}` to close `pf p0` before line 6, where the indentation returns to its level",
    related: ["4:11 `pf p0` opened here"],
  },
];

describe("syntax errors people make", () => {
  it("has at least 40 cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  for (const c of CASES) {
    it(c.name, () => {
      const { diagnostics } = parseSource(c.text, "t.sriov");
      const first = diagnostics[0];
      expect(first, "a diagnostic").toBeDefined();
      expect(first!.rule).toBe("syntax");
      expect(first!.severity).toBe("error");
      const { span } = first!;
      expect(`${span.line}:${span.column}-${span.endLine}:${span.endColumn}`).toBe(c.at);
      expect(first!.message).toBe(c.message);
      expect(first!.help).toBe(c.help);
      expect(first!.related.map((r) => `${r.span.line}:${r.span.column} ${r.message}`)).toEqual(c.related ?? []);
      // One mistake, one error: none of these inputs holds a second one.
      expect(diagnostics.map((d) => d.message)).toEqual([c.message]);
    });
  }

  it("a template use being typed leaves the rest of the file whole: the blocks below it parse (an editor keeps its outline)", () => {
    const { ast } = parseSource("host h2 {\n  cores = 4\n  vm a : \n  vm b {\n    vcpus = 2\n  }\n}\n", "t.sriov");
    const host = ast.items[0] as Block;
    expect(host.members.map((m) => (m.kind === "Block" ? `${m.blockKind} ${m.name?.base.name}` : m.name.name))).toEqual(["cores", "vm b"]);
  });

  it("every syntax error, of every case, has a help line", () => {
    for (const c of CASES) for (const d of parseSource(c.text, "t.sriov").diagnostics) expect(d.help, `${c.name}: ${d.message}`).toBeTruthy();
  });
});
