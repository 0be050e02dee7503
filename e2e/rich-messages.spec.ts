import { expect, test, type Page } from "@playwright/test";
import { composer, createRoom, expectDelivered, expectRoom, messagesWith, openFromSidebar, roomLink, sendWithButton, signedInPage, unique } from "./helpers";

test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

/** Alice creates a public room and Bob joins it by its URL; both have it open. */
async function sharedRoom(browser: Parameters<typeof signedInPage>[0]) {
  const alice = await signedInPage(browser, "alice");
  const bob = await signedInPage(browser, "bob");
  const name = unique("Rich");
  const slug = await createRoom(alice.page, name, "public");
  await bob.page.goto(`/chat/${slug}`);
  await expectRoom(bob.page, `#${name}`);
  return { alice: alice.page, bob: bob.page, name };
}

const actionsOf = (page: Page, text: string) => messagesWith(page, text).getByRole("group", { name: /^Actions on/ });

test.describe("rich messages", () => {
  test("a mention completes from the keyboard, counts in the sidebar and is highlighted", async ({ browser }) => {
    const { alice, bob, name } = await sharedRoom(browser);
    await openFromSidebar(bob, "Lobby");
    const box = composer(alice);
    await box.fill("");
    await box.pressSequentially("hi @bo");
    await expect(box).toHaveAttribute("aria-expanded", "true");
    const option = alice.getByRole("listbox", { name: "Mention someone" }).getByRole("option", { name: /Bob/ });
    await expect(option).toHaveAttribute("aria-selected", "true");
    await box.press("Escape");
    await expect(box).toHaveAttribute("aria-expanded", "false");
    await box.pressSequentially("b");
    await expect(box).toHaveAttribute("aria-expanded", "false");
    await box.fill("hi ");
    await box.pressSequentially("@bo");
    await box.press("Enter");
    await expect(box).toHaveValue("hi @bob ");
    const text = unique("look at this");
    await box.pressSequentially(text);
    await box.press("Enter");
    await expectDelivered(alice, `hi @bob ${text}`, "alice");

    const link = roomLink(bob, name);
    await expect(link.getByTestId("mention-badge")).toHaveText(/@1/);
    await expect(link).toHaveAccessibleName(/1 mentioning you/);
    await openFromSidebar(bob, name);
    await expect(messagesWith(bob, text).getByTestId("mention-me")).toHaveText("@bob");
    await expect(roomLink(bob, name).getByTestId("mention-badge")).toHaveCount(0);
    // The author sees the mention, not highlighted as theirs.
    await expect(messagesWith(alice, text).getByTestId("mention-me")).toHaveCount(0);
  });

  test("the author edits and deletes; both sides see it live", async ({ browser }) => {
    const { alice, bob } = await sharedRoom(browser);
    const text = unique("typo");
    await sendWithButton(alice, text);
    await expectDelivered(bob, text, "alice");
    await expect(actionsOf(bob, text).getByRole("button", { name: "Edit your message" })).toHaveCount(0);

    await actionsOf(alice, text).getByRole("button", { name: "Edit your message" }).click();
    const editor = alice.getByRole("textbox", { name: "Edit message" });
    await expect(editor).toBeFocused();
    await editor.press("Escape");
    await expect(editor).toHaveCount(0);
    await actionsOf(alice, text).getByRole("button", { name: "Edit your message" }).click();
    const fixed = unique("fixed");
    await alice.getByRole("textbox", { name: "Edit message" }).fill(fixed);
    await alice.getByRole("textbox", { name: "Edit message" }).press("Enter");
    await expect(messagesWith(bob, fixed).locator(".message-text")).toHaveText(fixed);
    await expect(messagesWith(bob, fixed).locator(".message-edited")).toHaveText("(edited)");
    await expect(messagesWith(bob, text)).toHaveCount(0);

    alice.once("dialog", (dialog) => void dialog.accept());
    await actionsOf(alice, fixed).getByRole("button", { name: "Delete your message" }).click();
    for (const page of [alice, bob]) {
      await expect(messagesWith(page, fixed)).toHaveCount(0);
      await expect(page.getByTestId("message-deleted")).toHaveCount(1);
    }
  });

  test("reactions toggle for everyone, and a reply quotes its parent", async ({ browser }) => {
    const { alice, bob } = await sharedRoom(browser);
    const text = unique("react and reply");
    await sendWithButton(alice, text);
    await expectDelivered(bob, text, "alice");

    await actionsOf(bob, text).getByRole("button", { name: "React to Alice's message" }).click();
    await bob.getByRole("button", { name: "React with 👍" }).click();
    const atAlice = messagesWith(alice, text).getByTestId("reaction");
    await expect(atAlice).toHaveAccessibleName("👍 1, by Bob");
    await expect(atAlice).toHaveAttribute("aria-pressed", "false");
    await atAlice.click();
    await expect(atAlice).toHaveAccessibleName("👍 2, by Bob, Alice");
    await expect(atAlice).toHaveAttribute("aria-pressed", "true");
    await expect(messagesWith(bob, text).getByTestId("reaction")).toHaveAccessibleName("👍 2, by Bob, Alice");
    await atAlice.click();
    await expect(messagesWith(bob, text).getByTestId("reaction")).toHaveAccessibleName("👍 1, by Bob");

    await actionsOf(bob, text).getByRole("button", { name: "Reply to Alice's message" }).click();
    await expect(bob.getByTestId("reply-draft")).toContainText("Alice");
    const answer = unique("the answer");
    await sendWithButton(bob, answer);
    await expect(bob.getByTestId("reply-draft")).toHaveCount(0);
    const quote = messagesWith(alice, answer).getByTestId("reply-quote");
    await expect(quote).toContainText("Alice");
    await expect(quote).toContainText(text);
    await quote.click();
    await expect(messagesWith(alice, text).first()).toBeFocused();
  });

  test("edits, deletes and reactions missed while offline are caught up on reconnection", async ({ browser }) => {
    const { alice, bob } = await sharedRoom(browser);
    const [edited, removed, liked] = [unique("to edit"), unique("to delete"), unique("to like")];
    for (const text of [edited, removed, liked]) {
      await sendWithButton(alice, text);
      await expectDelivered(bob, text, "alice");
    }
    await bob.context().setOffline(true);
    await expect(bob.getByTestId("connection")).toHaveAttribute("data-status", "offline");

    await actionsOf(alice, edited).getByRole("button", { name: "Edit your message" }).click();
    const fixed = unique("edited offline");
    await alice.getByRole("textbox", { name: "Edit message" }).fill(fixed);
    await alice.getByRole("textbox", { name: "Edit message" }).press("Enter");
    await expect(messagesWith(alice, fixed)).toHaveCount(1);
    alice.once("dialog", (dialog) => void dialog.accept());
    await actionsOf(alice, removed).getByRole("button", { name: "Delete your message" }).click();
    await expect(messagesWith(alice, removed)).toHaveCount(0);
    await actionsOf(alice, liked).getByRole("button", { name: /^React to/ }).click();
    await alice.getByRole("button", { name: "React with 🎉" }).click();
    await expect(messagesWith(alice, liked).getByTestId("reaction")).toHaveAccessibleName("🎉 1, by Alice");
    // Still offline: none of it reached bob.
    await expect(messagesWith(bob, edited)).toHaveCount(1);

    await bob.context().setOffline(false);
    await expect(bob.getByTestId("connection")).toHaveText("Connected");
    await expect(messagesWith(bob, fixed).locator(".message-text")).toHaveText(fixed);
    await expect(messagesWith(bob, fixed).locator(".message-edited")).toHaveText("(edited)");
    await expect(messagesWith(bob, edited)).toHaveCount(0);
    await expect(messagesWith(bob, removed)).toHaveCount(0);
    await expect(bob.getByTestId("message-deleted")).toHaveCount(1);
    await expect(messagesWith(bob, liked).getByTestId("reaction")).toHaveAccessibleName("🎉 1, by Alice");
  });
});
