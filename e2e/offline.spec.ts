import { expect, test } from "@playwright/test";
import { composer, createRoom, expectDelivered, expectRoom, messagesWith, shownSeqs, signedInPage, unique } from "./helpers";

test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

test.describe("going offline and back", () => {
  test("every message missed while offline arrives once, in order, and what was sent offline is delivered once", async ({ browser }) => {
    const alice = await signedInPage(browser, "alice");
    const bob = await signedInPage(browser, "bob");
    const name = unique("Offline room");
    const slug = await createRoom(alice.page, name, "public");
    await bob.page.goto(`/chat/${slug}`);
    await expectRoom(bob.page, `#${name}`);
    const before = unique("before going offline");
    await composer(alice.page).fill(before);
    await composer(alice.page).press("Enter");
    await expectDelivered(bob.page, before, "alice");

    await bob.context.setOffline(true);
    await expect(bob.page.getByTestId("connection")).toHaveAttribute("data-status", "offline");

    // Bob writes while offline: it waits, visibly, to be sent.
    const fromBob = unique("written offline by bob");
    await composer(bob.page).fill(fromBob);
    await composer(bob.page).press("Enter");
    await expect(messagesWith(bob.page, fromBob)).toHaveAttribute("data-status", "sending");
    await expect(bob.page.getByTestId("connection")).toHaveText("Offline · 1 message waiting to send");

    const missed = Array.from({ length: 5 }, (_, i) => unique(`missed ${i + 1}`));
    for (const text of missed) {
      await composer(alice.page).fill(text);
      await composer(alice.page).press("Enter");
      await expectDelivered(alice.page, text, "alice");
    }
    // Still offline: nothing reached bob, and his message still waits.
    await expect(bob.page.getByTestId("connection")).toHaveAttribute("data-status", "offline");
    await expect(messagesWith(bob.page, fromBob)).toHaveAttribute("data-status", "sending");
    for (const text of missed) await expect(messagesWith(bob.page, text)).toHaveCount(0);
    await expect(messagesWith(alice.page, fromBob)).toHaveCount(0);

    await bob.context.setOffline(false);
    await expect(bob.page.getByTestId("connection")).toHaveText("Connected", { timeout: 20_000 });
    for (const text of [before, ...missed]) await expectDelivered(bob.page, text, "alice");
    await expectDelivered(bob.page, fromBob, "bob");
    await expectDelivered(alice.page, fromBob, "bob");

    // Bob's view is one gap-free run of seqs, in the order alice sent them.
    const seqs = await shownSeqs(bob.page);
    expect(seqs.length).toBeGreaterThanOrEqual(missed.length + 2);
    seqs.forEach((seq, i) => i > 0 && expect(seq).toBe(seqs[i - 1]! + 1));
    const texts = await bob.page.getByRole("log", { name: "Messages" }).locator("[data-seq] .message-text").allTextContents();
    expect(texts.filter((t) => missed.includes(t))).toEqual(missed);
    expect(texts.filter((t) => t === fromBob)).toHaveLength(1);
  });
});
