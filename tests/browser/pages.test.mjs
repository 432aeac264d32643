// Every main page of every role: no console error or CSP violation, nothing wider than a phone's
// 390 px, no accessibility violation of any impact (axe-core), and screenshots (desktop light,
// phone dark) for a person to look at.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";

import { boardForThisFile } from "./lib/server.mjs";
import { DESKTOP, PHONE, accessibilityViolations, launch, logIn, openPage, overflow, screenshot } from "./lib/browser.mjs";

const PAGES = {
  visitor: ["/", "/?sort=top&page=2", "/?q=dark+mode", "/?tag=ui", "/ideas/1", "/roadmap", "/storms", "/storms/next-laptop", "/changelog", "/login", "/register", "/reset"],
  member: ["/", "/ideas/new", "/ideas/new?storm=next-laptop", "/ideas/1", "/account", "/account/notifications"],
  moderator: ["/mod", "/ideas/1", "/triage", "/insights", "/mod/flags", "/mod/hidden", "/mod/tags", "/mod/users", "/mod/audit"],
  product: ["/ideas/2", "/storms", "/storms/next-laptop", "/changelog", "/admin/export", "/triage", "/triage?past_target=true&unsorted=true", "/insights/responses", "/insights/responses?days=365", "/insights", "/insights?days=365", "/insights/watch", "/insights/listening"],
  admin: ["/admin", "/mod", "/admin/users", "/admin/statuses", "/admin/mail", "/admin/areas", "/admin/areas/experience", "/admin/webhooks"],
  // German pages: longer words must still fit a phone, and the page says it is German.
  "member-de": ["/", "/ideas/new", "/ideas/1", "/roadmap", "/storms", "/storms/next-laptop", "/changelog", "/account", "/account/notifications"],
  "product-de": ["/storms", "/changelog", "/triage", "/ideas/2", "/insights/responses", "/insights", "/insights/watch", "/insights/listening"],
};

const held = boardForThisFile(before, after, launch);

/** Three pages signed in as `role` (none for a visitor): as browsers show it, on a phone in dark mode, and for axe. */
async function viewsFor(role) {
  const [account, language] = role.split("-");
  const locale = language === "de" ? "de-DE" : "en-US";
  const views = {
    desktop: await openPage(held.browser, { viewport: DESKTOP, colorScheme: "light", locale }),
    phone: await openPage(held.browser, { viewport: PHONE, colorScheme: "dark", locale }),
    axe: await openPage(held.browser, { viewport: DESKTOP, bypassCSP: true, locale }),
  };
  if (account !== "visitor") {
    for (const page of Object.values(views)) await logIn(page, held.board.base, held.board.accounts[account]);
  }
  return views;
}

function shotName(role, path, view) {
  const slug = path.replace(/^\//, "").replace(/[^a-z0-9]+/gi, "-").replace(/-$/, "") || "board";
  return `${role}-${slug}-${view}`;
}

for (const [role, paths] of Object.entries(PAGES)) {
  test(`${role}: every page is accessible, fits a phone and logs no error`, async () => {
    const views = await viewsFor(role);
    const found = [];
    for (const path of paths) {
      for (const [name, page] of Object.entries(views)) {
        page.problems.length = 0;
        const response = await page.goto(`${held.board.base}${path}`);
        if (response.status() !== 200) found.push(`${path} (${name}): status ${response.status()}`);
        const lang = await page.getAttribute("html", "lang");
        if (lang !== (role.endsWith("-de") ? "de" : "en")) found.push(`${path} (${name}): lang="${lang}"`);
        if (name === "axe") {
          for (const violation of await accessibilityViolations(page)) found.push(`${path}: ${violation}`);
          continue;
        }
        const wider = await overflow(page);
        if (wider > 0) found.push(`${path} (${name}): ${wider} px wider than the screen`);
        for (const problem of page.problems) found.push(`${path} (${name}): ${problem}`);
        await screenshot(page, shotName(role, path, name === "desktop" ? "desktop-light" : "phone-dark"));
      }
    }
    for (const page of Object.values(views)) await page.context().close();
    assert.deepEqual(found, [], found.join("\n"));
  });
}
