import { expect, test } from "@playwright/test";
import {
  composer,
  createRoom,
  expectDelivered,
  expectRoom,
  expectSameDocument,
  markDocument,
  messageList,
  openFromSidebar,
  roomLink,
  sendWithButton,
  sidebar,
  signedInPage,
  unique,
} from "./helpers";

test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

test.describe("rooms and direct conversations", () => {
  test("a private room: the invitee sees it at once and chats; others can neither open nor browse it", async ({ browser }) => {
    const alice = await signedInPage(browser, "alice");
    const bob = await signedInPage(browser, "bob");
    const carol = await signedInPage(browser, "carol");
    const name = unique("Secret plans");

    const slug = await createRoom(alice.page, name, "private");
    await expect(roomLink(alice.page, name)).toHaveAttribute("aria-current", "page");
    await expect(alice.page).toHaveTitle(new RegExp(`^${name}`));
    await expect(roomLink(bob.page, name)).toHaveCount(0);

    // An unknown username is refused next to the invite form; bob is invited.
    await alice.page.getByRole("button", { name: "Invite" }).click();
    const invite = alice.page.getByRole("form", { name: "Invite to room" });
    await invite.getByLabel("Username").fill(`nobody-${Date.now()}`);
    await invite.getByRole("button", { name: "Invite" }).click();
    await expect(invite.getByRole("alert")).toHaveText("no such user");
    await invite.getByLabel("Username").fill("bob");
    await invite.getByRole("button", { name: "Invite" }).click();
    await expect(invite.getByRole("status")).toHaveText("Invited bob.");

    // Bob's sidebar shows the room without a reload; opening it is a soft navigation.
    await markDocument(bob.page);
    await expect(roomLink(bob.page, name)).toBeVisible();
    await openFromSidebar(bob.page, name);
    await expect(bob.page).toHaveURL(new RegExp(`/chat/${slug}$`));
    await expectSameDocument(bob.page);

    const hello = unique("welcome to the secret room");
    await sendWithButton(alice.page, hello);
    await expectDelivered(alice.page, hello, "alice");
    await expectDelivered(bob.page, hello, "alice");
    const reply = unique("thanks alice");
    await sendWithButton(bob.page, reply);
    await expectDelivered(bob.page, reply, "bob");
    await expectDelivered(alice.page, reply, "bob");

    // Carol: not in her sidebar, not among the public rooms, and the URL answers 404.
    await expect(roomLink(carol.page, name)).toHaveCount(0);
    await sidebar(carol.page).getByRole("button", { name: "Browse rooms" }).click();
    const publicRooms = carol.page.getByTestId("public-rooms");
    await expect(publicRooms.getByRole("link", { name: "#Lobby", exact: true })).toBeVisible();
    await expect(publicRooms.getByText(name)).toHaveCount(0);
    const response = await carol.page.goto(`/chat/${slug}`);
    expect(response?.status()).toBe(404);
    await expect(carol.page.getByText(/could not be found/i).first()).toBeVisible();
    await expect(composer(carol.page)).toHaveCount(0);
    await expect(carol.page.getByText(hello)).toHaveCount(0);

    // Bob leaves: back in the lobby, the room gone from his sidebar and closed to him.
    await bob.page.getByRole("button", { name: "Leave room" }).click();
    await expect(bob.page).toHaveURL(/\/chat$/);
    await expectRoom(bob.page, "#Lobby");
    await expect(roomLink(bob.page, name)).toHaveCount(0);
    await expect(roomLink(alice.page, name)).toBeVisible();
    expect((await bob.page.goto(`/chat/${slug}`))?.status()).toBe(404);
  });

  test("a direct conversation works both ways and is the same conversation from either side", async ({ browser }) => {
    const alice = await signedInPage(browser, "alice");
    const bob = await signedInPage(browser, "bob");

    // An unknown username is refused next to the form.
    await sidebar(alice.page).getByRole("button", { name: "New message" }).click();
    const form = alice.page.getByRole("form", { name: "New message" });
    await form.getByLabel("Username").fill(`nobody-${Date.now()}`);
    await form.getByRole("button", { name: "Open conversation" }).click();
    await expect(form.getByRole("alert")).toHaveText("no such user");

    await form.getByLabel("Username").fill("bob");
    await form.getByRole("button", { name: "Open conversation" }).click();
    await expect(alice.page).toHaveURL(/\/chat\/dm-[a-z0-9-]+$/);
    await expectRoom(alice.page, "Bob");
    await expect(alice.page).toHaveTitle(/^Bob/);
    const url = alice.page.url();

    // Bob's sidebar lists the conversation under Alice's name.
    await expect(roomLink(bob.page, "Alice")).toBeVisible();
    await openFromSidebar(bob.page, "Alice", "Alice");
    expect(bob.page.url()).toBe(url);

    const fromAlice = unique("psst bob");
    await sendWithButton(alice.page, fromAlice);
    await expectDelivered(bob.page, fromAlice, "alice");
    const fromBob = unique("hi alice, privately");
    await composer(bob.page).fill(fromBob);
    await composer(bob.page).press("Enter");
    await expectDelivered(alice.page, fromBob, "bob");
    await expectDelivered(bob.page, fromBob, "bob");

    // From the lobby, a click on Alice's name in a message opens the same conversation.
    await openFromSidebar(bob.page, "Lobby");
    const lobbyNote = unique("alice in the lobby");
    await openFromSidebar(alice.page, "Lobby");
    await sendWithButton(alice.page, lobbyNote);
    // Consecutive messages share one header: the author's name is a button in the group's first.
    await messageList(bob.page).getByRole("button", { name: "Alice", exact: true }).last().click();
    await expect(bob.page).toHaveURL(url);
    await expectRoom(bob.page, "Alice");
    await expectDelivered(bob.page, fromAlice, "alice");
  });
});
