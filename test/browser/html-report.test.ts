/**
 * The HTML report in a real browser: Debian's Chromium, driven by playwright-core, opens the report of
 * every sample (made by the built CLI, as a user would) and one full of hostile text, and checks that the
 * charts rendered with data, that nothing was logged as an error, fetched or run, that the page fits a
 * phone, and that dark mode applies. Screenshots go to test-output/browser/. Without Chromium (where it
 * cannot be installed: `apt-get install -y chromium`) the tests are skipped with a message.
 */
/// <reference lib="dom" />
// (page.evaluate callbacks run in the page: they use the DOM's types.)
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../src/report/html.js";
import { LINES_PER_HOST, generateTopology } from "../../bench/generate.mjs";
import { sriovc } from "../helpers/cli.js";
import { HOSTILE, hostileTopology, lowerText, sampleIrs, shortReport } from "../report/html-samples.js";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const OUT = path.resolve(import.meta.dirname, "../../test-output/browser");
const available = existsSync(CHROMIUM);
if (!available) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);

interface Opened {
  readonly page: Page;
  readonly problems: string[];
}

let context: BrowserContext | undefined;
let profile = "";

async function open(file: string, viewport = { width: 1280, height: 900 }): Promise<Opened> {
  const page = await context!.newPage();
  await page.setViewportSize(viewport);
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    if (r.url() !== pathToFileURL(file).href) problems.push(`request: ${r.url()}`);
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  return { page, problems };
}

/** What the page shows of its charts: per chart, its name, drawn width, and bars with data and a visible width. */
async function charts(page: Page) {
  return page.$$eval("svg.chart", (svgs) =>
    svgs.map((svg) => {
      const bars = [...svg.querySelectorAll("rect.bar")].map((r) => ({
        value: Number(r.getAttribute("data-value")),
        width: (r as SVGGraphicsElement).getBoundingClientRect().width,
      }));
      return { name: svg.getAttribute("aria-label") ?? "", width: svg.getBoundingClientRect().width, bars };
    }),
  );
}

describe.skipIf(!available)("the HTML report in Chromium", () => {
  beforeAll(async () => {
    profile = mkdtempSync(path.join(tmpdir(), "sriovc-chromium-"));
    // A persistent context is how playwright takes a fresh --user-data-dir of our own.
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
    mkdirSync(OUT, { recursive: true });
  });
  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const samples = sampleIrs();
  it("covers the samples", () => expect(samples.length).toBeGreaterThanOrEqual(3));

  for (const { name, ir } of samples) {
    it(`${name}: opens cleanly with every chart drawn`, async () => {
      const base = name.replace(/[/\\]/g, "_").replace(/\.sriov$/, "");
      const file = path.join(OUT, `${base}.html`);
      const run = sriovc(["simulate", path.join("samples", name), "--format", "html", "--compare", "--duration", "5ms", "-o", file]);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const { page, problems } = await open(file);
      try {
        const drawn = await charts(page);
        if (ir.traffic.length === 0) {
          // A topology without traffic (a template library) has nothing to chart, and says so.
          expect(drawn).toEqual([]);
          expect(await page.textContent("#interfaces")).toContain("No interface received traffic");
        }
        // Interfaces: rate, throughput, latency; cores: utilization, events; comparison: four.
        else expect(drawn.length).toBeGreaterThanOrEqual(9);
        for (const chart of drawn) {
          expect(chart.width, chart.name).toBeGreaterThan(300);
          expect(chart.bars.length, chart.name).toBeGreaterThan(0);
          const positive = chart.bars.filter((b) => b.value > 0);
          // Every positive figure is a visible bar; a chart of all zeros (no VM exits anywhere) may have none.
          for (const b of positive) expect(b.width, chart.name).toBeGreaterThan(0.5);
        }
        if (ir.traffic.length > 0) expect(drawn.some((c) => c.name.startsWith("Utilization of each core") && c.bars.some((b) => b.width > 1))).toBe(true);
        expect(await page.evaluate(() => document.scripts.length)).toBe(0);
        await page.screenshot({ path: path.join(OUT, `${base}.png`), fullPage: true });
        expect(problems).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  it("fits a phone's width and follows the dark colour scheme", async () => {
    const file = path.join(OUT, "four-data-paths.html");
    if (!existsSync(file)) sriovc(["simulate", "samples/four-data-paths.sriov", "--format", "html", "--compare", "--duration", "5ms", "-o", file]);
    const { page, problems } = await open(file, { width: 390, height: 844 });
    try {
      await page.emulateMedia({ colorScheme: "dark" });
      const layout = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        inner: window.innerWidth,
        background: getComputedStyle(document.body).backgroundColor,
        label: getComputedStyle(document.querySelector("svg.chart text.label")!).fill,
        chart: document.querySelector("svg.chart")!.getBoundingClientRect().width,
        // Ids in the first column of each table stay on one line (the table scrolls sideways instead).
        idLines: [...document.querySelectorAll("table tbody tr td:first-child")].map((td) => {
          const lineHeight = parseFloat(getComputedStyle(td).lineHeight);
          const range = document.createRange();
          range.selectNodeContents(td);
          return Math.round(range.getBoundingClientRect().height / lineHeight);
        }),
      }));
      expect(layout.scroll).toBeLessThanOrEqual(layout.inner);
      expect(layout.chart).toBeLessThanOrEqual(layout.inner);
      expect(layout.idLines.length).toBeGreaterThan(5);
      expect(Math.max(...layout.idLines)).toBe(1);
      const luminance = (rgb: string) => {
        const [r, g, b] = rgb.match(/\d+/g)!.map(Number);
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      expect(luminance(layout.background)).toBeLessThan(60);
      expect(luminance(layout.label)).toBeGreaterThan(180);
      await page.screenshot({ path: path.join(OUT, "four-data-paths-phone-dark.png"), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("shows hostile source text as text and runs none of it", async () => {
    const ir = lowerText(hostileTopology());
    const file = path.join(OUT, "hostile.html");
    writeFileSync(file, renderHtml(shortReport(ir), { ir, title: HOSTILE }));
    const { page, problems } = await open(file);
    try {
      const seen = await page.evaluate(() => ({
        pwned: (window as unknown as { pwned?: number }).pwned,
        scripts: document.scripts.length,
        images: document.images.length,
        heading: document.querySelector("h1")!.textContent,
        descriptions: [...document.querySelectorAll(".description")].map((e) => e.textContent),
      }));
      expect(seen.pwned).toBeUndefined();
      expect(seen.scripts).toBe(0);
      expect(seen.images).toBe(0);
      expect(seen.heading).toBe(`sriovc: ${HOSTILE}`);
      expect(seen.descriptions).toContain(HOSTILE);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("a large topology: renders at once, and a link to a host opens its closed section", async () => {
    const source = path.join(OUT, "fleet.sriov");
    writeFileSync(source, generateTopology({ lines: 12 * LINES_PER_HOST }).source);
    const file = path.join(OUT, "fleet.html");
    const run = sriovc(["simulate", source, "--format", "html", "-o", file]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const { page, problems } = await open(`${file}`);
    try {
      const state = () => page.evaluate(() => ({ hosts: document.querySelectorAll("details.host").length, open: [...document.querySelectorAll("details.host[open] > div")].map((d) => d.id) }));
      expect(await state()).toEqual({ hosts: 12, open: [] });
      await page.click('a[href="#host-h3"]');
      await page.waitForFunction(() => document.querySelector("#host-h3")!.parentElement!.hasAttribute("open"));
      expect((await state()).open).toEqual(["host-h3"]);
      expect(await page.isVisible("#host-h3 >> text=h3.vf7.eth0")).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
