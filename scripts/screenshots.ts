// Takes the README's screenshots (docs/screenshots/*.png) against a running production server
// with the seeded users, e.g. the end-to-end one:
//   E2E_PORT=3350 node --import tsx e2e/start-server.ts &
//   node --import tsx scripts/screenshots.ts http://localhost:3350
// It writes a short conversation first, so the screens have something to show.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";

const baseURL = process.argv[2] ?? "http://localhost:3000";
const out = path.join(import.meta.dirname, "..", "docs", "screenshots");

async function signIn(browser: Browser, user: string, options: Parameters<Browser["newContext"]>[0] = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL, ...options });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Username").fill(user);
  await page.getByLabel("Password").fill(`${user}-password`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("connection").filter({ hasText: "Connected" }).waitFor({ state: "attached" });
  return page;
}

async function say(page: Page, text: string): Promise<void> {
  // A combobox: the composer completes `@mentions`.
  const box = page.getByRole("combobox", { name: "Message", exact: true });
  await box.fill(text);
  await box.press("Enter");
  // Stored (it has its seq) before the next one goes out; the first words carry no Markdown.
  await page.getByRole("log", { name: "Messages" }).locator("[data-seq]").filter({ hasText: text.slice(0, 6) }).last().waitFor();
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const login = await (await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } })).newPage();
    await login.goto("/login");
    await login.screenshot({ path: path.join(out, "login.png") });

    const alice = await signIn(browser, "alice", { viewport: { width: 1280, height: 800 } });
    const bob = await signIn(browser, "bob");
    await say(alice, "Morning! The release notes are in [the wiki](https://example.com/wiki).");
    await say(alice, "Can someone check the **staging** deploy?");
    await say(bob, "On it. Logs say:\n```\nready in 1.2 s\n```");
    await say(bob, "Looks fine, only ~~two~~ one warning left: `deprecated flag`");
    await say(alice, "Thanks @bob, *great* work!");
    // A reaction from bob on alice's question, so the screens show one.
    const question = bob.getByRole("log", { name: "Messages" }).locator("[data-seq]").filter({ hasText: "staging" }).last();
    await question.getByRole("button", { name: /^React to / }).click();
    await question.getByRole("button", { name: "React with 👍" }).click();
    await alice.getByRole("list", { name: "Reactions" }).first().waitFor();

    for (const colorScheme of ["light", "dark"] as const) {
      await alice.emulateMedia({ colorScheme });
      await alice.screenshot({ path: path.join(out, `chat-${colorScheme}.png`) });
    }
    const phone = await signIn(browser, "bob", { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
    await phone.screenshot({ path: path.join(out, "phone-rooms.png") });
    await phone.getByTestId("room-link").filter({ hasText: "Lobby" }).click();
    await phone.getByRole("combobox", { name: "Message", exact: true }).waitFor();
    await phone.screenshot({ path: path.join(out, "phone-room.png") });
  } finally {
    await browser.close();
  }
}

await main();
