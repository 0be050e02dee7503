import { expect, test } from "@playwright/test";
import { composer, expectChatReady, messageList, messagesWith, signedInPage, unique, watchDialogs } from "./helpers";

test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

test.describe("Markdown in messages", () => {
  test("formats the safe subset, links only web and mail addresses, and keeps HTML as text", async ({ browser }) => {
    const alice = await signedInPage(browser, "alice");
    const bob = await signedInPage(browser, "bob");
    const dialogs = [alice.page, bob.page].map(watchDialogs);
    const tag = unique("md");
    const text = [
      `${tag} **strong** *leaning* ~~gone~~ \`a <i>code</i>\` 2 * 3 * 4 snake_case_name`,
      "[docs](https://example.com/docs) [mail](mailto:bob@example.com) https://example.org/x_y.",
      "[evil](javascript:alert(1)) [data](data:text/html,hi) <b>raw</b> <img src=x onerror=alert(1)>",
      "```",
      "const x = **1**;",
      "```",
    ].join("\n");
    await composer(alice.page).fill(text);
    await composer(alice.page).press("Enter");

    for (const page of [alice.page, bob.page]) {
      const item = messagesWith(page, tag);
      await expect(item).toHaveAttribute("data-seq", /^\d+$/);
      const body = item.locator(".message-text");
      await expect(body.locator("strong")).toHaveText("strong");
      await expect(body.locator("em")).toHaveText("leaning");
      await expect(body.locator("del")).toHaveText("gone");
      await expect(body.locator(":scope > code")).toHaveText("a <i>code</i>");
      await expect(body.locator("pre code")).toHaveText("const x = **1**;");
      await expect(body).toContainText("2 * 3 * 4 snake_case_name");

      const links = body.getByRole("link");
      await expect(links).toHaveCount(3);
      await expect(body.getByRole("link", { name: "docs" })).toHaveAttribute("href", "https://example.com/docs");
      await expect(body.getByRole("link", { name: "mail" })).toHaveAttribute("href", "mailto:bob@example.com");
      await expect(body.getByRole("link", { name: "https://example.org/x_y" })).toHaveAttribute("href", "https://example.org/x_y");
      for (const link of await links.all()) {
        await expect(link).toHaveAttribute("target", "_blank");
        await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");
      }
      // What is not allowed stays text, markers and all.
      await expect(body).toContainText("[evil](javascript:alert(1)) [data](data:text/html,hi) <b>raw</b> <img src=x onerror=alert(1)>");
      await expect(messageList(page).locator("b, i, img, script")).toHaveCount(0);
    }

    // The page rendered on the server shows the same.
    await bob.page.reload();
    await expectChatReady(bob.page, "bob");
    await expect(messagesWith(bob.page, tag).locator("strong")).toHaveText("strong");
    await expect(messagesWith(bob.page, tag).getByRole("link")).toHaveCount(3);
    expect(dialogs.flat()).toEqual([]);
  });
});
