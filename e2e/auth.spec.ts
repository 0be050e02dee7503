import { expect, test } from "@playwright/test";
import { composer, expectChatReady, login, loginAlert, submitLogin } from "./helpers";

test.describe("signing in and out", () => {
  test("a wrong password shows an error and stays on /login", async ({ page }) => {
    await submitLogin(page, "alice", "not-the-password");
    await expect(loginAlert(page)).toHaveText("Wrong username or password.");
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();

    // An unknown user gets the same answer.
    await submitLogin(page, "mallory", "mallory-password");
    await expect(loginAlert(page)).toHaveText("Wrong username or password.");
    await expect(page).toHaveURL(/\/login$/);

    // No session was created: /chat still sends the visitor to /login.
    await page.goto("/chat");
    await expect(page).toHaveURL(/\/login$/);
  });

  test("signed-out visitors of /chat and / are sent to /login", async ({ page }) => {
    await page.goto("/chat");
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();

    await page.goto("/chat/lobby");
    await expect(page).toHaveURL(/\/login$/);

    await page.goto("/");
    await expect(page).toHaveURL(/\/login$/);
  });

  test("signed-in visitors of /login and / are sent to /chat", async ({ page }) => {
    await login(page, "alice");

    await page.goto("/login");
    await expect(page).toHaveURL(/\/chat$/);
    await expectChatReady(page, "alice");

    await page.goto("/");
    await expect(page).toHaveURL(/\/chat$/);
    await expectChatReady(page, "alice");
  });

  test("logging out returns to /login and ends the session", async ({ page }) => {
    await login(page, "bob");

    await page.getByRole("button", { name: "Log out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();

    await page.goto("/chat");
    await expect(page).toHaveURL(/\/login$/);
    await expect(composer(page)).toHaveCount(0);

    // Signing in again works after a logout.
    await login(page, "bob");
  });

  test("logging out in one tab takes the session's other tabs to /login", async ({ browser }) => {
    const context = await browser.newContext();
    const first = await context.newPage();
    await login(first, "carol");
    const second = await context.newPage();
    await second.goto("/chat");
    await expectChatReady(second, "carol");

    await first.getByRole("button", { name: "Log out" }).click();
    await expect(first).toHaveURL(/\/login$/);
    // The server closes the other tab's socket; reconnecting is refused (unauthorized), so it signs out too.
    await expect(second).toHaveURL(/\/login$/);
    await expect(second.getByRole("button", { name: "Sign in" })).toBeVisible();
    await context.close();
  });

  test("an unknown room gives a 404 page", async ({ page }) => {
    await login(page, "alice");

    const response = await page.goto("/chat/no-such-room");
    expect(response?.status()).toBe(404);
    await expect(page.getByText(/could not be found|not found/i).first()).toBeVisible();
    await expect(composer(page)).toHaveCount(0);
  });
});
