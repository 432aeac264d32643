// The real server on loopback for the browser suite: a fresh SQLite board in a temporary folder,
// filled with the demo (`ideaboard seed --demo`), its accounts read from what the command prints.

import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..", "..", "..");
const BINARY = process.env.IDEABOARD_BIN ?? join(ROOT, "target", "debug", "ideaboard");

function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

/** The demo's accounts by role: { admin: {name, email, password}, moderator, product, member }. */
function accountsFrom(printed) {
  const accounts = {};
  for (const line of printed.split("\n")) {
    const found = line.match(/^\s+(admin|moderator|product|member)\s+(.+?)\s+(\S+@\S+)\s+(\S+)\s*$/);
    if (found && !accounts[found[1]]) {
      accounts[found[1]] = { name: found[2], email: found[3], password: found[4] };
    }
  }
  for (const role of ["admin", "moderator", "product", "member"]) {
    if (!accounts[role]) throw new Error(`seed --demo printed no ${role}:\n${printed}`);
  }
  return accounts;
}

async function answers(url) {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/** Starts a demo board (with `settings` added to its environment); `stop()` ends the server and removes its folder. */
export async function startBoard(settings = {}) {
  const folder = mkdtempSync(join(tmpdir(), "ideaboard-browser-"));
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite://${join(folder, "board.db")}`,
    BIND: `127.0.0.1:${port}`,
    MAIL_DIR: join(folder, "mail"),
    LOG: "warn",
    AUTH_RATE_LIMIT: "1000",
    // The journeys' webhook receiver listens on loopback.
    WEBHOOKS_ALLOW_PRIVATE: "on",
    ...settings,
  };
  delete env.SMTP_URL;
  const printed = execFileSync(BINARY, ["seed", "--demo"], { env, encoding: "utf8" });
  const accounts = accountsFrom(printed);
  const server = spawn(BINARY, ["serve"], { env, stdio: ["ignore", "inherit", "inherit"] });
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; !(await answers(`${base}/healthz`)); tries++) {
    if (tries > 200 || server.exitCode !== null) throw new Error("the server did not start");
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base,
    accounts,
    folder,
    async stop() {
      server.kill("SIGTERM");
      await new Promise((r) => (server.exitCode !== null ? r() : server.once("exit", r)));
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * A demo board and a browser for the test file that calls this (at its top level): started
 * before its first test, stopped after its last. Read `.board` and `.browser` inside tests.
 * `settings` gives more of the board's environment, worked out before it starts.
 */
export function boardForThisFile(before, after, launch, settings = async () => ({})) {
  const held = { board: null, browser: null };
  before(async () => {
    held.board = await startBoard(await settings());
    held.browser = await launch();
  });
  after(async () => {
    await held.browser?.close();
    await held.board?.stop();
  });
  return held;
}
