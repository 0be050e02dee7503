import { expect, test, type Page } from "@playwright/test";
import { e2eDatabase, HTML_USER, runAdmin } from "./admin";
import {
  composer,
  createRoom,
  expectChatReady,
  loginAlert,
  messagesWith,
  roomLink,
  signedInPage,
  submitLogin,
  unique,
  watchDialogs,
} from "./helpers";

test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

/** Collects every CSP violation of a page: the console's reports and the DOM's violation events. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  // Init scripts are injected by the browser tooling, outside the page's CSP.
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return violations;
}

test.describe("security", () => {
  test("the app works under its Content Security Policy, which blocks injected inline script", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations = watchCsp(page);
    const dialogs = watchDialogs(page);

    await submitLogin(page, "alice", "alice-password");
    await expect(page).toHaveURL(/\/chat$/);
    await expectChatReady(page, "alice");
    const text = unique("hello under CSP");
    await composer(page).fill(text);
    await page.getByRole("button", { name: "Send" }).click();
    await expect(messagesWith(page, text)).toHaveAttribute("data-seq", /^\d+$/);
    await page.reload();
    await expectChatReady(page, "alice");
    expect(violations).toEqual([]);

    // The policy is really enforced: markup injected into the page (what XSS would do) runs no handler.
    await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", `<img src="x" onerror="alert('injected')">`));
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(violations.join("\n")).toMatch(/script-src/);
    expect(dialogs).toEqual([]);
  });

  test("room names, display names and messages are shown as text, never run as HTML", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const dialogs = watchDialogs(page);
    await submitLogin(page, HTML_USER.username, HTML_USER.password);
    await expect(page).toHaveURL(/\/chat$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(HTML_USER.name);
    await expect(page.getByTestId("connection")).toHaveText("Connected");

    const roomName = "<img src=x onerror=alert(1)>";
    const slug = await createRoom(page, roomName, "public");
    await expect(page).toHaveTitle(`${roomName} · Chat`);
    await expect(roomLink(page, roomName)).toBeVisible();
    const text = `<script>alert(2)</script><b>not bold</b> ${unique("html")}`;
    await composer(page).fill(text);
    await page.getByRole("button", { name: "Send" }).click();
    await expect(messagesWith(page, text).locator(".message-text")).toHaveJSProperty("textContent", text);

    // Another user loads the room from the server (server-rendered names and history).
    const bob = await signedInPage(browser, "bob");
    const bobDialogs = watchDialogs(bob.page);
    await bob.page.goto(`/chat/${slug}`);
    await expect(bob.page).toHaveTitle(`${roomName} · Chat`);
    await expect(bob.page.getByRole("heading", { level: 2, name: `#${roomName}`, exact: true })).toBeVisible();
    const item = messagesWith(bob.page, text);
    await expect(item.locator(".message-text")).toHaveJSProperty("textContent", text);
    await expect(item.locator(".message-author")).toHaveText(HTML_USER.name);
    await expect(roomLink(bob.page, roomName)).toBeVisible();

    for (const p of [page, bob.page]) {
      await expect(p.locator('img[src="x"], b, script:not([src])').filter({ hasText: /not bold|alert/ })).toHaveCount(0);
      await expect(p.locator('img[src="x"]')).toHaveCount(0);
    }
    expect(dialogs).toEqual([]);
    expect(bobDialogs).toEqual([]);
  });

  test("a tab whose user is disabled goes to the sign-in page, which then refuses them", async ({ browser }) => {
    const database = e2eDatabase();
    const username = `gone${Date.now().toString(36)}`;
    runAdmin(database, ["add", username, "--name", "Soon Gone", "--password-stdin"], "soon-gone-password\n");
    const context = await browser.newContext();
    const page = await context.newPage();
    await submitLogin(page, username, "soon-gone-password");
    await expect(page).toHaveURL(/\/chat$/);
    await expect(page.getByTestId("connection")).toHaveText("Connected");

    runAdmin(database, ["disable", username]);
    // The server closes the socket within SESSION_CHECK_INTERVAL_MS; the client signs out.
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await submitLogin(page, username, "soon-gone-password");
    await expect(loginAlert(page)).toHaveText("Wrong username or password.");
  });
});
