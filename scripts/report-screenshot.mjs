// Regenerates docs/img/report.png (the README's picture): the Cores and Data-paths-compared sections of
// `sriovc simulate samples/four-data-paths.sriov --format html --compare --duration 5ms`, at 1280 px in
// Debian's Chromium. Run after `npm run build`: node scripts/report-screenshot.mjs
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const root = path.resolve(import.meta.dirname, "..");
const html = path.join(mkdtempSync(path.join(tmpdir(), "sriovc-shot-")), "report.html");
execFileSync(process.execPath, [path.join(root, "dist/cli/bin.js"), "simulate", "samples/four-data-paths.sriov", "--format", "html", "--compare", "--duration", "5ms", "-o", html], { cwd: root });

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(pathToFileURL(html).href);
  const cores = await page.locator("#cores").boundingBox();
  const compare = await page.locator("#compare").boundingBox();
  if (!cores || !compare) throw new Error("the report has no #cores or #compare section");
  const y = cores.y - 16;
  await page.screenshot({ path: path.join(root, "docs/img/report.png"), fullPage: true, clip: { x: 0, y, width: 1280, height: compare.y + compare.height + 16 - y } });
} finally {
  await browser.close();
}
