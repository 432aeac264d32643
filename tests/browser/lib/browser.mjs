// Debian's Chromium through playwright-core (no browser download), and what every page must pass:
// no console error (a CSP violation is one), nothing wider than the viewport, no accessibility
// rule broken (axe-core, in a context with CSP bypassed: the board's CSP rightly blocks the script
// axe injects), and a screenshot a person can look at.

import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { createRequire } from "node:module";

const AXE_SCRIPT = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

export const SCREENSHOTS = resolve(import.meta.dirname, "..", "..", "..", "target", "browser-screenshots");

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: FLAGS,
  });
}

/**
 * A fresh browsing context (its own cookies) and a page in it that records console errors and
 * failed requests in `page.problems`. Options: `viewport`, `colorScheme`, `javaScript`, `bypassCSP`,
 * `locale` (the browser's language, sent as Accept-Language).
 */
export async function openPage(browser, { viewport = DESKTOP, colorScheme = "light", javaScript = true, bypassCSP = false, locale = "en-US" } = {}) {
  const context = await browser.newContext({
    locale,
    viewport,
    colorScheme,
    javaScriptEnabled: javaScript,
    bypassCSP,
    isMobile: viewport.width < 500,
    hasTouch: viewport.width < 500,
  });
  const page = await context.newPage();
  page.problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") page.problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => page.problems.push(`script error: ${error.message}`));
  page.on("response", (response) => {
    const expected = page.expectedStatuses ?? [];
    if (response.status() >= 400 && !expected.includes(response.status())) {
      page.problems.push(`${response.status()} for ${response.url()}`);
    }
  });
  return page;
}

/** Logs `account` in through the log-in page and waits for the board. */
export async function logIn(page, base, account) {
  await page.goto(`${base}/login`);
  // By the fields' ids, so it works in every language.
  await page.locator("#field-email").fill(account.email);
  await page.locator("#field-password").fill(account.password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith("/login")),
    page.locator('main form[action="/login"] button[type=submit]').click(),
  ]);
}

/**
 * How far the page runs wider than its viewport, in CSS pixels (0 when it fits). (A phone's
 * `innerWidth` grows with content that overflows, so the viewport's own width is the measure.)
 */
export async function overflow(page) {
  const { width } = page.viewportSize();
  return Math.max(0, (await page.evaluate(() => document.documentElement.scrollWidth)) - width);
}

/** axe-core's violations on the page now, as "rule (impact): target" lines. */
export async function accessibilityViolations(page) {
  await page.addScriptTag({ path: AXE_SCRIPT });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} — ${n.failureSummary?.split("\n")[1]?.trim() ?? v.help}`));
}

/** Saves a full-page screenshot as `<name>.png` in the screenshots folder. */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
