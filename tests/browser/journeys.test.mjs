// What people do, end to end in the browser: a vote keeps the focus and is announced; a vote the
// board refuses says why, where it was pressed; a banned person is offered nothing to do; a vote
// works without JavaScript; a moderator's refused form keeps what was typed.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { createServer } from "node:http";

import { boardForThisFile } from "./lib/server.mjs";
import { launch, logIn, openPage } from "./lib/browser.mjs";

const held = boardForThisFile(before, after, launch);

/** The first vote widget on the board whose idea is open for votes and not yet voted on. */
function openWidget(page) {
  return page.locator(".vote:has(button.vote-up[aria-pressed=false]):has(button.vote-down[aria-pressed=false])").first();
}

let ideasSubmitted = 0;

/**
 * A new idea from the admin, so the newest on the board is one nobody else has voted on (the
 * demo's random votes may leave none on the first page).
 */
async function submitFreshIdea(page) {
  const admin = await openPage(held.browser);
  await logIn(admin, held.board.base, held.board.accounts.admin);
  await admin.goto(`${held.board.base}/ideas/new`);
  ideasSubmitted += 1;
  await admin.locator("#field-title").fill(`Journey idea number ${ideasSubmitted} for voting`);
  await Promise.all([admin.waitForEvent("load"), admin.locator('button[name=step][value=submit]').click()]);
  await admin.context().close();
  // The board may serve a page kept a few seconds before the idea (PAGE_STALE_SECS): load it
  // until the idea is there.
  const title = `Journey idea number ${ideasSubmitted} for voting`;
  for (let tries = 0; tries < 40; tries++) {
    await page.goto(`${held.board.base}/?sort=new`);
    if ((await page.getByText(title).count()) > 0) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`the new idea never showed on the board: ${title}`);
}

test("a vote keeps the focus on its button and tells screen readers the new points", async () => {
  const page = await openPage(held.browser);
  await logIn(page, held.board.base, held.board.accounts.member);
  await submitFreshIdea(page);
  const widget = openWidget(page);
  const id = await widget.getAttribute("id");
  const before = Number(await widget.locator(".points strong").textContent());
  const promote = widget.locator("button.vote-up");
  await promote.focus();
  await page.keyboard.press("Enter");
  const after = page.locator(`#${id}`);
  const expected = before + 10;
  await assert.doesNotReject(after.locator(".points strong").filter({ hasText: String(expected) }).waitFor());
  const focused = await page.evaluate(() => [document.activeElement?.className, document.activeElement?.closest(".vote")?.id]);
  assert.deepEqual(focused, ["vote-up", id], "the focus stays on the promote button");
  await page.locator("#announcer").filter({ hasText: `${expected} points` }).waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a vote whose session a ban ended says so, in the widget, and changes nothing", async () => {
  const member = await openPage(held.browser);
  member.expectedStatuses = [401];
  await logIn(member, held.board.base, held.board.accounts.member);
  await submitFreshIdea(member);
  const widget = openWidget(member);
  const points = await widget.locator(".points strong").textContent();

  const moderator = await openPage(held.browser);
  await logIn(moderator, held.board.base, held.board.accounts.moderator);
  await moderator.goto(`${held.board.base}/mod/users`);
  await moderator.getByLabel("Their email").fill(held.board.accounts.member.email);
  await moderator.getByLabel("Reason (goes in the audit log)").fill("Spam");
  await Promise.all([moderator.waitForEvent("load"), moderator.getByRole("button", { name: "Apply" }).click()]);
  assert.equal(new URL(moderator.url()).pathname, "/mod/audit", "the ban is recorded");

  await widget.locator("button.vote-up").click();
  const alert = widget.locator(".action-error[role=alert]");
  await alert.waitFor();
  assert.match(await alert.textContent(), /no longer logged in/);
  assert.equal(await alert.getByRole("link", { name: "Log in" }).getAttribute("href"), "/login");
  assert.equal(await widget.locator(".points strong").textContent(), points, "nothing changed");
  const consoleErrors = member.problems.filter((p) => !p.includes("401"));
  assert.deepEqual(consoleErrors, []);

  // Signed in again, banned: told so, and offered no vote button, comment box or submit form.
  await logIn(member, held.board.base, held.board.accounts.member);
  await member.goto(`${held.board.base}/?sort=new`);
  assert.equal(await member.locator(".badge.read-only").textContent(), "Read only");
  assert.equal(await member.locator(".vote button").count(), 0);
  await member.goto(`${held.board.base}/ideas/1`);
  await member.getByText("Your account is banned: you can read but not take part.").waitFor();
  assert.equal(await member.locator("textarea").count(), 0);
  await member.context().close();
  await moderator.context().close();
});

test("without JavaScript a vote is a form that comes back to the same page, counted", async () => {
  const page = await openPage(held.browser, { javaScript: false });
  await logIn(page, held.board.base, held.board.accounts.product);
  await submitFreshIdea(page);
  const widget = openWidget(page);
  const id = await widget.getAttribute("id");
  const before = Number(await widget.locator(".points strong").textContent());
  await Promise.all([page.waitForEvent("load"), widget.locator("button.vote-up").click()]);
  assert.equal(new URL(page.url()).search, "?sort=new", "back where the vote was cast");
  const after = page.locator(`#${id}`);
  assert.equal(Number(await after.locator(".points strong").textContent()), before + 10);
  assert.equal(await after.locator("button.vote-up").getAttribute("aria-pressed"), "true");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a moderator's refused tag form keeps what was typed, focuses the summary, then confirms", async () => {
  for (const javaScript of [true, false]) {
    const page = await openPage(held.browser, { javaScript });
    page.expectedStatuses = [422];
    await logIn(page, held.board.base, held.board.accounts.moderator);
    await page.goto(`${held.board.base}/mod`);
    await page.getByRole("link", { name: "Tags", exact: true }).first().click();
    const name = javaScript ? "Accessibility" : "Keyboard";
    await page.getByLabel("New tag").fill(name);
    await page.getByLabel("Colour").first().fill("purple");
    await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Create tag" }).click()]);
    assert.equal(await page.title(), "Error: Tags · Ideaboard");
    await page.waitForFunction(() => document.activeElement?.classList.contains("error-summary"));
    assert.equal(await page.getByLabel("New tag").inputValue(), name, "kept");
    assert.equal(await page.getByLabel("Colour").first().inputValue(), "purple", "kept");
    await page.getByRole("link", { name: "A colour is #rgb or #rrggbb." }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "field-color", "the summary leads to the field");
    await page.getByLabel("Colour").first().fill("#2f855a");
    await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Create tag" }).click()]);
    await page.getByText("The tag is created.").waitFor();
    const css = await (await page.request.get(`${held.board.base}/theme.css`)).text();
    assert.match(css, new RegExp(`\\.tag\\.tag-${name.toLowerCase()} \\{ background: #2f855a;`), "its colour is on the pages");
    assert.deepEqual(page.problems.filter((p) => !p.includes("422")), []);
    await page.context().close();
  }
});

test("a person deletes their own comment only after saying yes, with and without JavaScript", async () => {
  for (const javaScript of [true, false]) {
    const page = await openPage(held.browser, { javaScript });
    await logIn(page, held.board.base, held.board.accounts.product);
    await page.goto(`${held.board.base}/ideas/3`);
    const text = `A comment to take back (${javaScript ? "with" : "without"} JavaScript)`;
    await page.getByLabel("Add a comment (Markdown)").fill(text);
    await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Comment", exact: true }).click()]);
    await page.getByText("Your comment is posted.").waitFor();
    const mine = page.locator("article.comment", { hasText: text });
    assert.equal(await mine.getByRole("button", { name: "Yes, delete" }).isVisible(), false, "asked first");
    await mine.getByText("Delete", { exact: true }).click();
    await Promise.all([page.waitForEvent("load"), mine.getByRole("button", { name: "Yes, delete" }).click()]);
    await page.getByText("Your comment is deleted.").waitFor();
    assert.equal(await page.getByText(text).count(), 0);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

test("an admin registers a webhook, copies its secret once, and sees the signed test arrive", async () => {
  const received = [];
  const receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      response.end("ok");
    });
  });
  await new Promise((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${receiver.address().port}/hooks`;
  const page = await openPage(held.browser);
  page.expectedStatuses = [422];
  await logIn(page, held.board.base, held.board.accounts.admin);
  await page.goto(`${held.board.base}/admin`);
  await page.getByRole("link", { name: "Webhooks" }).first().click();
  await page.getByLabel("Endpoint URL").fill(url);
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Add endpoint" }).click()]);
  assert.equal(await page.title(), "Error: Webhooks · Ideaboard");
  assert.equal(await page.getByLabel("Endpoint URL").inputValue(), url, "kept");
  await page.getByRole("link", { name: "Choose at least one event." }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "field-events", "the summary leads to the events");
  await page.getByLabel("A new comment").check();
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Add endpoint" }).click()]);
  const secret = (await page.locator("code.secret").textContent()).trim();
  assert.match(secret, /^whsec_[0-9a-f]{64}$/);
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Send test" }).click()]);
  await page.getByText("A test delivery is on its way").waitFor();
  assert.equal(await page.locator("code.secret").count(), 0, "the secret is shown once");
  for (let tries = 0; tries < 40 && received.length === 0; tries++) await page.waitForTimeout(250);
  assert.equal(received.length, 1);
  const [{ headers, body }] = received;
  assert.equal(headers["x-ideaboard-event"], "webhook.test");
  const expected = "sha256=" + createHmac("sha256", secret).update(`${headers["x-ideaboard-timestamp"]}.${body}`).digest("hex");
  assert.equal(headers["x-ideaboard-signature"], expected, "signed with the secret shown");
  for (let tries = 0; tries < 40; tries++) {
    await page.reload();
    if ((await page.getByRole("cell", { name: "Delivered" }).count()) > 0) break;
  }
  await page.getByRole("cell", { name: "Delivered" }).waitFor();
  assert.deepEqual(page.problems.filter((p) => !p.includes("422")), []);
  await page.context().close();
  receiver.close();
});
