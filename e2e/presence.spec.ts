import { expect, test } from "@playwright/test";
import { composer, createRoom, expectDelivered, expectRoom, signedInPage, unique } from "./helpers";

test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

test.describe("typing and presence", () => {
  test("the others see who is typing and who is online, until they stop or leave", async ({ browser }) => {
    const alice = await signedInPage(browser, "alice");
    const bob = await signedInPage(browser, "bob");
    const name = unique("Presence room");
    const slug = await createRoom(alice.page, name, "public");
    await bob.page.goto(`/chat/${slug}`);
    await expectRoom(bob.page, `#${name}`);

    // Both are listed online, each seeing the other by name.
    const online = bob.page.getByTestId("online-users");
    await expect(online.getByRole("button", { name: "Alice", exact: true })).toBeVisible();
    await expect(online.getByText("Bob (you)")).toBeVisible();
    await expect(alice.page.getByTestId("online-users").getByRole("button", { name: "Bob", exact: true })).toBeVisible();

    const typing = bob.page.getByTestId("typing");
    const aliceTyping = alice.page.getByTestId("typing");
    await expect(typing).toHaveText("");

    // Typing shows for bob (never for alice herself) and ends when she clears the box...
    const box = composer(alice.page);
    await box.pressSequentially("a draft");
    await expect(typing).toHaveText("Alice is typing…");
    await expect(aliceTyping).toHaveText("");
    await box.fill("");
    await expect(typing).toHaveText("");

    // ...or when she sends.
    const text = unique("typed and sent");
    await box.pressSequentially(text);
    await expect(typing).toHaveText("Alice is typing…");
    await box.press("Enter");
    await expectDelivered(bob.page, text, "alice");
    await expect(typing).toHaveText("");

    // Alice's only tab closes: she is no longer online for bob.
    await alice.context.close();
    await expect(online.getByText("Alice", { exact: true })).toHaveCount(0, { timeout: 10_000 });
    await expect(online.getByText("Bob (you)")).toBeVisible();
  });
});
