import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "./helpers/cli.js";

// The docs are read on GitHub and in the npm package, where a link that leads nowhere is a dead end:
// every relative link between them must name a file that exists, and an anchor a heading of that file.

/**
 * The Markdown files a reader opens: the README, docs/ and the editors' own pages. Not the whole tree:
 * packaging the VS Code extension copies docs/ into editors/vscode/docs/, where the relative links lead
 * nowhere and no one reads them.
 */
function markdownFiles(): string[] {
  const below = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return below(full);
      return entry.name.endsWith(".md") ? [full] : [];
    });
  const editors = readdirSync(path.join(REPO, "editors"), { withFileTypes: true }).filter((entry) => entry.isDirectory());
  const editorPages = editors.flatMap((entry) => ["README.md", "CHANGELOG.md"].map((name) => path.join(REPO, "editors", entry.name, name)));
  return [path.join(REPO, "README.md"), ...below(path.join(REPO, "docs")), ...editorPages.filter((file) => existsSync(file))];
}

/** The lines outside fenced code blocks, numbered from 1. */
function proseLines(text: string): { line: number; text: string }[] {
  let fenced = false;
  const out: { line: number; text: string }[] = [];
  text.split("\n").forEach((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    else if (!fenced) out.push({ line: index + 1, text: line });
  });
  return out;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text: line } of proseLines(text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const slug = heading
      .toLowerCase()
      .replace(/<[^>]+>/g, "")
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(slug) ?? 0;
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
    seen.set(slug, count + 1);
  }
  return anchors;
}

/** `file:line: target` for every relative link of `file` that leads nowhere. */
function brokenLinks(file: string, text: string): string[] {
  const broken: string[] = [];
  for (const { line, text: prose } of proseLines(text)) {
    // Code spans are not links: `[a](b)` written as code is an example.
    for (const match of prose.replace(/`[^`]*`/g, "").matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = match[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const [pathPart = "", anchor] = target.split("#");
      const resolved = pathPart === "" ? file : path.resolve(path.dirname(file), decodeURIComponent(pathPart));
      const where = `${path.relative(REPO, file)}:${line}: ${target}`;
      if (!existsSync(resolved)) broken.push(`${where} (no such file)`);
      else if (anchor !== undefined && resolved.endsWith(".md") && !headingAnchors(readFileSync(resolved, "utf8")).has(anchor)) {
        broken.push(`${where} (no such heading)`);
      }
    }
  }
  return broken;
}

describe("relative links in the docs", () => {
  const files = markdownFiles();

  it("are checked in the README, docs/, docs/rules/ and the VS Code extension's README", () => {
    const names = files.map((file) => path.relative(REPO, file));
    expect(names).toContain("README.md");
    expect(names).toContain(path.join("editors", "vscode", "README.md"));
    expect(names).toContain(path.join("docs", "LIMITS.md"));
    expect(names).toContain(path.join("docs", "rules", "vf-exhausted.md"));
  });

  it("lead to a file that exists, and to a heading of it", () => {
    expect(files.flatMap((file) => brokenLinks(file, readFileSync(file, "utf8")))).toEqual([]);
  });

  it("a missing file or heading is found, a link in code is not one", () => {
    const readme = path.join(REPO, "README.md");
    const text = "See [a](docs/NOPE.md), [b](docs/LIMITS.md#nope), [c](docs/LIMITS.md#limits) and `[d](nope.md)`.\n```md\n[e](nope.md)\n```\n";
    expect(brokenLinks(readme, text)).toEqual(["README.md:1: docs/NOPE.md (no such file)", "README.md:1: docs/LIMITS.md#nope (no such heading)"]);
  });

  it("anchors are GitHub's: punctuation dropped, repeated headings numbered", () => {
    expect([...headingAnchors("# `sriovc simulate --format html`\n## Tests\n## Tests\n### INTEROP.md › Security\n")]).toEqual([
      "sriovc-simulate---format-html",
      "tests",
      "tests-1",
      "interopmd--security",
    ]);
  });
});
