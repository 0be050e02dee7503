import { expect, test } from "@playwright/test";
import {
  composer,
  expectChatReady,
  expectDelivered,
  messageList,
  messagesWith,
  sendWithButton,
  signedInPage,
  unique,
  watchDialogs,
} from "./helpers";

test.describe("chatting", () => {
  test("alice and bob see each other's messages live, in both directions", async ({ browser }) => {
    const alice = await signedInPage(browser, "alice");
    const bob = await signedInPage(browser, "bob");

    const fromAlice = unique("hello bob from alice");
    await sendWithButton(alice.page, fromAlice);
    await expectDelivered(alice.page, fromAlice, "alice");
    await expectDelivered(bob.page, fromAlice, "alice");

    const fromBob = unique("hi alice, bob here");
    await composer(bob.page).fill(fromBob);
    await composer(bob.page).press("Enter");
    await expectDelivered(bob.page, fromBob, "bob");
    await expectDelivered(alice.page, fromBob, "bob");

    // Both see the two messages in the same order.
    for (const { page } of [alice, bob]) {
      const texts = messageList(page).getByTestId("message").locator(".message-text");
      const all = await texts.allTextContents();
      expect(all.indexOf(fromAlice)).toBeGreaterThanOrEqual(0);
      expect(all.indexOf(fromAlice)).toBeLessThan(all.indexOf(fromBob));
    }

    await alice.context.close();
    await bob.context.close();
  });

  test("a reload keeps the history", async ({ browser }) => {
    const alice = await signedInPage(browser, "alice");
    const bob = await signedInPage(browser, "bob");

    const first = unique("before reload, alice");
    const second = unique("before reload, bob");
    await sendWithButton(alice.page, first);
    await expectDelivered(alice.page, first, "alice");
    await sendWithButton(bob.page, second);
    await expectDelivered(bob.page, second, "bob");
    await expectDelivered(alice.page, second, "bob");

    await alice.page.reload();
    await expectChatReady(alice.page, "alice");
    await expectDelivered(alice.page, first, "alice");
    await expectDelivered(alice.page, second, "bob");

    // A brand-new context (a fresh sign-in) sees the same history.
    await bob.context.close();
    const bobAgain = await signedInPage(browser, "bob");
    await expectDelivered(bobAgain.page, first, "alice");
    await expectDelivered(bobAgain.page, second, "bob");

    await alice.context.close();
    await bobAgain.context.close();
  });

  test("Enter sends and Shift+Enter starts a new line", async ({ browser }) => {
    const alice = await signedInPage(browser, "alice");
    const bob = await signedInPage(browser, "bob");
    const firstLine = unique("first line");
    const secondLine = "second line";
    const text = `${firstLine}\n${secondLine}`;

    const box = composer(alice.page);
    await box.click();
    await alice.page.keyboard.type(firstLine);
    await alice.page.keyboard.press("Shift+Enter");
    await alice.page.keyboard.type(secondLine);
    // Shift+Enter inserted a newline and sent nothing.
    await expect(box).toHaveValue(text);
    await expect(messagesWith(alice.page, firstLine)).toHaveCount(0);

    await alice.page.keyboard.press("Enter");
    await expect(box).toHaveValue("");
    const mine = await expectDelivered(alice.page, text, "alice");
    const theirs = await expectDelivered(bob.page, text, "alice");
    // Shown on two lines, not joined by a space.
    for (const item of [mine, theirs]) {
      const lines = await item.locator(".message-text").evaluate((el) => (el as HTMLElement).innerText.split("\n"));
      expect(lines).toEqual([firstLine, secondLine]);
    }

    // Enter on an empty composer sends nothing.
    const before = await messageList(alice.page).getByTestId("message").count();
    await box.press("Enter");
    await expect(box).toHaveValue("");
    await expect(alice.page.getByRole("button", { name: "Send" })).toBeDisabled();
    await expect(messageList(alice.page).getByTestId("message")).toHaveCount(before);

    await alice.context.close();
    await bob.context.close();
  });

  test("HTML in a message is shown as literal text, never run", async ({ browser }) => {
    const alice = await signedInPage(browser, "alice");
    const bob = await signedInPage(browser, "bob");
    const dialogs = [alice.page, bob.page].map(watchDialogs);

    const tag = unique("tag");
    const bold = `<b>hi</b> ${tag}`;
    const image = `<img src=x onerror=alert(1)> ${tag}`;
    await sendWithButton(alice.page, bold);
    await expectDelivered(alice.page, bold, "alice");
    await sendWithButton(alice.page, image);
    await expectDelivered(alice.page, image, "alice");

    // The receiver renders the same strings as text, and so does a page rendered on the server.
    await expectDelivered(bob.page, bold, "alice");
    await expectDelivered(bob.page, image, "alice");
    await bob.page.reload();
    await expectChatReady(bob.page, "bob");
    await expectDelivered(bob.page, bold, "alice");
    await expectDelivered(bob.page, image, "alice");

    for (const page of [alice.page, bob.page]) {
      await expect(messageList(page).locator("b, img, script")).toHaveCount(0);
    }
    // The raw strings on their own, exactly as typed.
    for (const text of ["<b>hi</b>", "<img src=x onerror=alert(1)>"]) {
      await sendWithButton(alice.page, text);
      for (const page of [alice.page, bob.page]) {
        const shown = messageList(page).getByText(text, { exact: true }).last();
        await expect(shown).toHaveJSProperty("textContent", text);
        await expect(shown).toHaveClass("message-text");
      }
    }
    for (const page of [alice.page, bob.page]) {
      await expect(messageList(page).locator("b, img, script")).toHaveCount(0);
    }
    expect(dialogs.flat()).toEqual([]);

    await alice.context.close();
    await bob.context.close();
  });

  test("the composer counts characters as the server does and says when a message is too long", async ({ browser }) => {
    const alice = await signedInPage(browser, "alice");
    const bob = await signedInPage(browser, "bob");
    const box = composer(alice.page);
    const send = alice.page.getByRole("button", { name: "Send" });

    // 4000 characters of which many are emoji: over 4000 UTF-16 units, yet within the limit.
    const tag = unique("long");
    const long = `${tag} ${"😀".repeat(4000 - tag.length - 1)}`;
    await box.fill(long);
    await expect(box).toHaveValue(long);
    await expect(alice.page.getByRole("alert").filter({ hasText: "Too long" })).toHaveCount(0);
    await send.click();
    await expectDelivered(bob.page, long, "alice");

    await box.fill("x".repeat(4001));
    await expect(alice.page.getByRole("alert").filter({ hasText: "Too long" })).toHaveText(
      "Too long: 4,001 characters, the limit is 4,000.",
    );
    await expect(box).toHaveAttribute("aria-invalid", "true");
    await expect(send).toBeDisabled();
    await box.press("Enter");
    await expect(box).toHaveValue("x".repeat(4001));
    await box.press("Backspace");
    await expect(send).toBeEnabled();
    await expect(alice.page.getByRole("alert").filter({ hasText: "Too long" })).toHaveCount(0);

    await alice.context.close();
    await bob.context.close();
  });
});
