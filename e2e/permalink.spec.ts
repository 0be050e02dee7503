import { expect, test } from "@playwright/test";
import { call, connect, loginOrFail } from "../test/helpers/client";
import { fillRoom } from "../test/helpers/fill-room";
import { e2eDatabase } from "./admin";
import { expectRoom, login, messageList, unique } from "./helpers";

// Issue 15: a message's permalink (`/chat/<room>?m=<seq>`) opens the room at that message,
// loaded around it, scrolled to it and highlighted; each message offers "Copy link".

const COUNT = 150;

test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

test.describe("permalinks", () => {
  test("a permalink opens the room at its message, highlighted, and Copy link gives another", async ({ browser, baseURL }) => {
    // Bob's room of 150 messages, written straight to the database: message 20 is far from the newest page.
    const bob = await connect(baseURL!, { cookie: await loginOrFail(baseURL!, "bob") });
    const name = unique("Permalink room");
    const created = await call(bob, "room:create", { name, visibility: "public" });
    bob.close();
    if (!created.ok) throw new Error(created.error.message);
    const slug = created.room.slug;
    await fillRoom(`file:${e2eDatabase()}`, { room: slug, author: "bob", count: COUNT, text: name });

    const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
    const page = await context.newPage();
    await login(page, "alice");
    await page.goto(`/chat/${slug}?m=20`);
    await expectRoom(page, `#${name}`);
    const list = messageList(page);
    const target = list.locator('[data-seq="20"]');
    await expect(target).toHaveAttribute("aria-current", "true");
    await expect(target).toHaveClass(/\btarget\b/);
    await expect(target).toBeInViewport();
    // The run on screen is carried on to the newest message, and the view stays at the target.
    await expect(list.locator(`[data-seq="${COUNT}"]`)).toBeAttached();
    await expect(list.locator('[data-seq="1"]')).toBeAttached();
    await expect(target).toBeInViewport();
    await expect(list.locator("[aria-current]")).toHaveCount(1);

    const other = list.locator('[data-seq="25"]');
    await other.hover();
    await other.getByRole("button", { name: "Copy link to Bob's message" }).click();
    await expect(other.getByRole("button", { name: /^Link copied/ })).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`${baseURL}/chat/${slug}?m=25`);

    await page.goto(copied);
    await expectRoom(page, `#${name}`);
    await expect(list.locator('[data-seq="25"]')).toHaveAttribute("aria-current", "true");
    await expect(list.locator('[data-seq="25"]')).toBeInViewport();
    await expect(list.locator('[data-seq="20"]')).not.toHaveAttribute("aria-current");
  });
});
