import { expect, test, type Page } from "@playwright/test";
import { call, clientId, connect, loginOrFail } from "../test/helpers/client";
import { expectRoom, messageList, signedInPage, unique } from "./helpers";

test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

const jump = (page: Page) => page.getByRole("button", { name: /^Jump to latest/ });
const item = (page: Page, seq: number) => messageList(page).locator(`[data-seq="${seq}"]`);

test.describe("where the user left off", () => {
  test("a new-messages line where the user left off, and jump to latest with the count below", async ({ browser, baseURL }) => {
    const bob = await connect(baseURL!, { cookie: await loginOrFail(baseURL!, "bob") });
    const send = async (room: string, text: string) => {
      const sent = await call(bob, "message:send", { room, text, clientId: clientId() });
      if (!sent.ok) throw new Error(sent.error.message);
    };
    const name = unique("Unread line room");
    const created = await call(bob, "room:create", { name, visibility: "public" });
    if (!created.ok) throw new Error(created.error.message);
    const slug = created.room.slug;
    for (let i = 1; i <= 3; i++) await send(slug, `${name} read ${i}`);

    // Alice joins (everything so far counts as read), then goes elsewhere.
    const alice = await signedInPage(browser, "alice");
    await alice.page.goto(`/chat/${slug}`);
    await expectRoom(alice.page, `#${name}`);
    await expect(alice.page.getByTestId("new-messages")).toHaveCount(0);
    await alice.page.goto("/chat");
    await expectRoom(alice.page, "#Lobby");

    // Meanwhile 30 tall messages arrive: more than a screen.
    for (let i = 1; i <= 30; i++) await send(slug, `${name} new ${i}\nsecond line\nthird line`);

    await alice.page.goto(`/chat/${slug}`);
    await expectRoom(alice.page, `#${name}`);
    const line = alice.page.getByTestId("new-messages");
    await expect(line).toHaveCount(1);
    // The line sits right before the first unread message, and the room opens there, not at the bottom.
    expect(await line.evaluate((el) => el.nextElementSibling?.getAttribute("data-seq"))).toBe("4");
    await expect(line).toBeInViewport();
    await expect(item(alice.page, 33)).not.toBeInViewport();
    await expect(jump(alice.page)).toBeVisible();
    await expect(alice.page.getByTestId("new-below")).toHaveText("30 new");

    // One more arrives below: counted, not scrolled to.
    await send(slug, `${name} newest`);
    await expect(item(alice.page, 34)).toBeAttached();
    await expect(alice.page.getByTestId("new-below")).toHaveText("31 new");
    await expect(line).toBeInViewport();

    await jump(alice.page).click();
    await expect(item(alice.page, 34)).toBeInViewport();
    await expect(jump(alice.page)).toHaveCount(0);

    // At the bottom, new messages are followed; scrolled up, they are counted again.
    await send(slug, `${name} followed`);
    await expect(item(alice.page, 35)).toBeInViewport();
    await messageList(alice.page).evaluate((el) => (el.scrollTop = 0));
    await expect(jump(alice.page)).toBeVisible();
    await expect(alice.page.getByTestId("new-below")).toHaveCount(0);
    await send(slug, `${name} while scrolled up`);
    await expect(alice.page.getByTestId("new-below")).toHaveText("1 new");
    await jump(alice.page).click();
    await expect(item(alice.page, 36)).toBeInViewport();

    // The line stays where the user left off for as long as the room is open.
    await expect(line).toHaveCount(1);
    bob.close();
  });
});
