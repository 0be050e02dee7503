import { expect, test } from "@playwright/test";
import { loginAlert, submitLogin } from "./helpers";

test.describe("sign-in throttling", () => {
  test("after five wrong passwords the form says to wait, with the number of seconds", async ({ page }) => {
    // A username of its own: the lockout it earns touches no other test's account.
    const username = "throttle-target";
    for (let i = 0; i < 5; i++) {
      await submitLogin(page, username, `wrong-${i}`);
      await expect(loginAlert(page)).toHaveText("Wrong username or password.");
    }
    await submitLogin(page, username, "wrong-again");
    await expect(loginAlert(page)).toHaveText(/^Too many attempts, try again in \d+ s\.$/);
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  });
});
