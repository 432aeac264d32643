// Signing in with the company's identity provider in a real browser: the log-in page offers
// "Sign in with Test ID" (the real `oidc-provider` from tests/oidc on loopback), the provider's page
// takes an address, and the person is back on the board, signed in, with an account of their own;
// a return that does not check out is refused with a page that says why. Both pages are checked for
// accessibility and for fitting a phone.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { resolve } from "node:path";

import { boardForThisFile } from "./lib/server.mjs";
import { PHONE, accessibilityViolations, launch, openPage, overflow, screenshot } from "./lib/browser.mjs";

let provider;

/** Starts the test provider and gives the board's settings for it. */
async function withProvider() {
  provider = spawn("node", ["provider.mjs"], {
    cwd: resolve(import.meta.dirname, "..", "oidc"),
    stdio: ["pipe", "pipe", "ignore"],
  });
  const [line] = await createInterface({ input: provider.stdout })[Symbol.asyncIterator]().next().then((r) => [r.value]);
  const issuer = line.replace(/^issuer /, "");
  return {
    OIDC_PROVIDERS: JSON.stringify([
      { key: "test", name: "Test ID", issuer, client_id: "board", client_secret: "board-secret" },
    ]),
    OIDC_ALLOW_PRIVATE: "on",
  };
}

const held = boardForThisFile(before, after, launch, withProvider);
after(() => provider?.kill());

test("a person signs in with the company's provider and is back on the board with an account", async () => {
  const page = await openPage(held.browser);
  await page.goto(`${held.board.base}/login`);
  const button = page.getByRole("link", { name: "Sign in with Test ID" });
  await button.click();
  await page.getByRole("heading", { name: "Sign in to Test ID" }).waitFor();
  await page.getByLabel("Email").fill("robin.sso@example.com");
  await Promise.all([
    page.waitForURL((url) => url.origin === held.board.base && !url.pathname.startsWith("/login")),
    page.getByRole("button", { name: "Continue" }).click(),
  ]);
  await page.getByText("You are logged in.").waitFor();
  await page.goto(`${held.board.base}/account`);
  await page.getByText("With Test ID, since").waitFor();
  assert.equal(await page.locator("#field-current_password").count(), 0, "no password to change");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the log-in page's providers and a refused sign-in are accessible and fit a phone", async () => {
  const page = await openPage(held.browser, { bypassCSP: true });
  page.expectedStatuses = [400];
  await page.goto(`${held.board.base}/login`);
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.goto(`${held.board.base}/login/oidc/test/callback?code=forged&state=forged`);
  assert.equal(await page.title(), "Sign-in refused · Ideaboard");
  await page.getByText("could not be matched to one begun in this browser").waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.context().close();

  const phone = await openPage(held.browser, { viewport: PHONE, colorScheme: "dark" });
  await phone.goto(`${held.board.base}/login`);
  assert.equal(await overflow(phone), 0, "the log-in page fits a phone");
  await screenshot(phone, "login-with-provider-phone-dark");
  await phone.context().close();
});
