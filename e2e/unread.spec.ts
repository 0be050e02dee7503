import { expect, test, type Page } from "@playwright/test";
import {
  createRoom,
  expectChatReady,
  expectDelivered,
  expectRoom,
  openFromSidebar,
  roomLink,
  sendWithButton,
  signedInPage,
  unique,
} from "./helpers";

test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

async function expectUnread(page: Page, name: string, count: number): Promise<void> {
  const link = roomLink(page, name);
  await expect(link).toHaveAttribute("data-unread", String(count));
  if (count > 0) await expect(link).toHaveAccessibleName(new RegExp(`, ${count} unread$`));
  else await expect(link.getByTestId("unread-badge")).toHaveCount(0);
}

test.describe("unread counts", () => {
  test("count up for a room that is not open, reset when it is opened, on every device and after a reload", async ({ browser }) => {
    const alice = await signedInPage(browser, "alice");
    const bob = await signedInPage(browser, "bob");
    const name = unique("Unread room");
    const slug = await createRoom(alice.page, name, "public");

    // Bob joins by opening the room's URL, then goes back to the lobby through the sidebar.
    await bob.page.goto(`/chat/${slug}`);
    await expectRoom(bob.page, `#${name}`);
    await expectUnread(bob.page, name, 0);
    await openFromSidebar(bob.page, "Lobby");
    await expect(bob.page).toHaveURL(/\/chat$/);
    // A second device of bob's, also in the lobby.
    const bobPhone = await signedInPage(browser, "bob");
    await expectUnread(bobPhone.page, name, 0);

    const texts = [unique("one"), unique("two"), unique("three")];
    for (const [i, text] of texts.entries()) {
      await sendWithButton(alice.page, text);
      await expectDelivered(alice.page, text, "alice");
      await expectUnread(bob.page, name, i + 1);
    }
    await expectUnread(bobPhone.page, name, 3);
    // The sender's own messages never count.
    await expectUnread(alice.page, name, 0);

    await openFromSidebar(bob.page, name);
    for (const text of texts) await expectDelivered(bob.page, text, "alice");
    await expectUnread(bob.page, name, 0);
    // The read marker lives on the server: the other device follows without a reload.
    await expectUnread(bobPhone.page, name, 0);

    // While the room is open and visible, new messages are read as they arrive.
    const more = unique("while open");
    await sendWithButton(alice.page, more);
    await expectDelivered(bob.page, more, "alice");
    await expectUnread(bob.page, name, 0);

    await bob.page.reload();
    await expectRoom(bob.page, `#${name}`);
    await expectUnread(bob.page, name, 0);
    await bobPhone.page.reload();
    await expectChatReady(bobPhone.page, "bob");
    await expectUnread(bobPhone.page, name, 0);
  });
});
