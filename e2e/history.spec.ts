import { expect, test, type Locator } from "@playwright/test";
import { call, clientId, connect, loginOrFail } from "../test/helpers/client";
import { expectRoom, messageList, shownSeqs, signedInPage, unique } from "./helpers";

test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

/** Where the message with `seq` sits relative to the top of the list's viewport, after scrolling the list to `scrollTop`. */
function offsetOf(list: Locator, seq: number, scrollTop?: number): Promise<number> {
  return list.evaluate(
    (el, [seq, scrollTop]) => {
      if (scrollTop !== null) el.scrollTop = scrollTop;
      const item = el.querySelector(`[data-seq="${seq}"]`)!;
      return item.getBoundingClientRect().top - el.getBoundingClientRect().top;
    },
    [seq, scrollTop ?? null] as const,
  );
}

test.describe("history", () => {
  test("scrolling up loads older pages without moving what is on screen", async ({ browser, baseURL }) => {
    // Bob fills a room through his own socket: 160 messages, faster than typing them.
    const bob = await connect(baseURL!, { cookie: await loginOrFail(baseURL!, "bob") });
    const name = unique("History room");
    const created = await call(bob, "room:create", { name, visibility: "public" });
    if (!created.ok) throw new Error(created.error.message);
    const texts = Array.from({ length: 160 }, (_, i) => `${name} #${i + 1}`);
    for (const text of texts) {
      const id = clientId();
      for (;;) {
        const sent = await call(bob, "message:send", { room: created.room.slug, text, clientId: id });
        if (sent.ok) break;
        // Faster than the rate limit allows: wait as long as the server says, as the app's outbox does.
        if (sent.error.retryAfterMs === undefined) throw new Error(sent.error.message);
        await new Promise((resolve) => setTimeout(resolve, sent.error.retryAfterMs));
      }
    }
    bob.close();

    const alice = await signedInPage(browser, "alice");
    await alice.page.goto(`/chat/${created.room.slug}`);
    await expectRoom(alice.page, `#${name}`);
    const list = messageList(alice.page);
    // The newest page, rendered on the server, starts at the bottom.
    expect(await shownSeqs(alice.page)).toEqual(Array.from({ length: 50 }, (_, i) => 111 + i));
    await expect(list.locator('[data-seq="160"]')).toBeInViewport();

    // Scrolled to the top: the next page (100 messages) comes in above, message 111 stays put.
    const before = await offsetOf(list, 111, 0);
    await expect(list.locator('[data-seq="11"]')).toBeAttached();
    expect(Math.abs((await offsetOf(list, 111)) - before)).toBeLessThan(2);

    // And again for the last, partial page.
    const again = await offsetOf(list, 11, 0);
    await expect(list.locator('[data-seq="1"]')).toBeAttached();
    expect(Math.abs((await offsetOf(list, 11)) - again)).toBeLessThan(2);
    await expect(alice.page.getByRole("button", { name: "Load earlier messages" })).toHaveCount(0);

    expect(await shownSeqs(alice.page)).toEqual(Array.from({ length: 160 }, (_, i) => i + 1));
    expect(await list.locator("[data-seq] .message-text").allTextContents()).toEqual(texts);
  });
});
