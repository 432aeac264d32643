// Each staff role's main journey, end to end in the browser, with and without JavaScript: product
// moves an idea along with a public note and downloads the top ideas; a moderator hides an idea
// from its page, finds it under "Hidden" and shows it again; an admin makes a member a moderator
// and sends a test email. Every step is confirmed on the page.

import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";

import { boardForThisFile } from "./lib/server.mjs";
import { launch, logIn, openPage } from "./lib/browser.mjs";

const held = boardForThisFile(before, after, launch);

test("product moves an idea along with a public note, then exports the top ideas", async () => {
  for (const [javaScript, number] of [[true, 4], [false, 5]]) {
    const page = await openPage(held.browser, { javaScript });
    await logIn(page, held.board.base, held.board.accounts.product);
    await page.goto(`${held.board.base}/ideas/${number}`);
    const status = page.getByLabel("Change status to");
    const next = (await status.locator("option").first().textContent()).trim();
    await status.selectOption({ label: next });
    const note = `Moved along (${javaScript ? "with" : "without"} JavaScript): thank you for asking.`;
    await page.getByLabel("Public note (Markdown, required)").fill(note);
    await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Change status" }).click()]);
    await page.getByText("The status is changed and followers are being told.").waitFor();
    const timeline = page.locator(".status-timeline li").last();
    assert.equal((await timeline.locator("strong").textContent()).trim(), next);
    assert.match(await timeline.textContent(), new RegExp(note.replace(/[()]/g, "\\$&")));

    await page.getByRole("link", { name: "Export", exact: true }).click();
    await page.getByLabel("How many").fill("5");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download" }).click()]);
    const csv = readFileSync(await download.path(), "utf8").trim().split("\n");
    assert.match(csv[0], /^rank,number,title,url,status/);
    assert.equal(csv.length, 6, "the header and the five top ideas");
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

test("product answers the oldest waiting idea from the triage inbox and it leaves the inbox", async () => {
  for (const javaScript of [true, false]) {
    const page = await openPage(held.browser, { javaScript });
    await logIn(page, held.board.base, held.board.accounts.product);
    await page.getByRole("link", { name: "Triage", exact: true }).click();
    const count = async () => Number((await page.locator(".triage-count").textContent()).match(/\d+/)[0]);
    const before = await count();
    const row = page.locator(".triage-row").first();
    const title = (await row.locator("h2").textContent()).replace(/^#\d+\s*/, "").trim();
    await row.getByText("Answer officially").click();
    await row.getByLabel("Official answer (Markdown)").fill("Thank you: this is on our list for the spring.");
    await Promise.all([page.waitForEvent("load"), row.getByRole("button", { name: "Send the answer" }).click()]);
    assert.equal(new URL(page.url()).pathname, "/triage", "back in the inbox");
    assert.equal(await count(), before - 1);
    assert.equal(await page.locator(".triage-row h2", { hasText: title }).count(), 0);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

test("a moderator hides an idea from its page, finds it under Hidden and shows it again", async () => {
  for (const [javaScript, number] of [[true, 6], [false, 7]]) {
    const page = await openPage(held.browser, { javaScript });
    await logIn(page, held.board.base, held.board.accounts.moderator);
    await page.goto(`${held.board.base}/ideas/${number}`);
    const title = (await page.locator("h1").textContent()).replace(/^#\d+\s*/, "").trim();
    const panel = page.getByRole("region", { name: "Moderation" });
    await panel.getByLabel("Reason to hide it").fill("Off topic here");
    await Promise.all([page.waitForEvent("load"), panel.getByRole("button", { name: "Hide", exact: true }).click()]);
    await page.getByText("The idea is hidden from the board.").waitFor();

    await page.getByRole("link", { name: "Moderate" }).click();
    await page.getByRole("link", { name: "Hidden", exact: true }).first().click();
    const row = page.locator("tr", { hasText: title });
    assert.match(await row.textContent(), /Off topic here/);
    await Promise.all([page.waitForEvent("load"), row.getByRole("button", { name: "Unhide" }).click()]);
    assert.equal(new URL(page.url()).pathname, "/mod/hidden", "back on the list");
    await page.getByText("The idea is shown on the board again.").waitFor();
    assert.equal(await page.locator("tr", { hasText: title }).count(), 0);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

test("an admin makes a member a moderator and sends a test email", async () => {
  for (const javaScript of [true, false]) {
    const page = await openPage(held.browser, { javaScript });
    await logIn(page, held.board.base, held.board.accounts.admin);
    await page.goto(`${held.board.base}/admin`);
    await page.getByRole("link", { name: "Users and roles" }).click();
    const role = javaScript ? "moderator" : "product";
    const row = page.locator("tr", { hasText: "Jordan Lee" });
    await row.getByLabel("Role of Jordan Lee").selectOption(role);
    await Promise.all([page.waitForEvent("load"), row.getByRole("button", { name: "Save" }).click()]);
    await page.getByText("The role is changed.").waitFor();
    assert.equal(await page.getByLabel("Role of Jordan Lee").inputValue(), role);

    await page.goto(`${held.board.base}/admin`);
    await page.getByRole("link", { name: "Mail delivery" }).click();
    await page.getByLabel("To").fill("ops@example.com");
    await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Send" }).click()]);
    await page.getByText("The test email is queued").waitFor();
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});
