import { expect, test } from "@playwright/test";
import { call, connect, loginOrFail, type TestSocket } from "../test/helpers/client";
import { fillRoom } from "../test/helpers/fill-room";
import { e2eDatabase } from "./admin";
import {
  composer,
  expectDelivered,
  expectRoom,
  login,
  messageList,
  roomLink,
  searchBox,
  searchResults,
  searchStatus,
  searchUntil,
  sendWithButton,
  sidebar,
  signedInPage,
  unique,
  uniqueWord,
  watchDialogs,
} from "./helpers";

// Issue 15: the message search in the chat header. Results as one types, marked as text, paged,
// opened as permalinks; never a room the user cannot read; at phone width too.

test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

/** A room of bob's made through the socket, optionally with `count` messages of `text` written straight to the database. */
async function bobsRoom(baseURL: string, visibility: "public" | "private"): Promise<{ bob: TestSocket; slug: string; name: string }> {
  const bob = await connect(baseURL, { cookie: await loginOrFail(baseURL, "bob") });
  const name = unique("Search room");
  const created = await call(bob, "room:create", { name, visibility });
  if (!created.ok) throw new Error(created.error.message);
  return { bob, slug: created.room.slug, name };
}

const fill = (slug: string, count: number, text: string) => fillRoom(`file:${e2eDatabase()}`, { room: slug, author: "bob", count, text });

test.describe("message search", () => {
  test("finds what another user just sent, marked as text, and opens it in its room around it", async ({ browser, baseURL }) => {
    const { bob: bobSocket, slug, name } = await bobsRoom(baseURL!, "public");
    bobSocket.close();
    await fill(slug, 60, "older filler");
    const bob = await signedInPage(browser, "bob");
    const alice = await signedInPage(browser, "alice");
    const dialogs = watchDialogs(alice.page);
    const word = uniqueWord("needle");

    // Nothing yet.
    await searchBox(alice.page).fill(word);
    await expect(searchStatus(alice.page)).toHaveText(`No messages match “${word}”.`);

    // Bob writes it (with markup that must stay text), then newer messages follow.
    const text = `${word} at the Café <img src=x onerror="alert('xss')"> <b>bold</b>`;
    await bob.page.goto(`/chat/${slug}`);
    await expectRoom(bob.page, `#${name}`);
    await sendWithButton(bob.page, text);
    const sent = await expectDelivered(bob.page, text, "bob");
    const seq = Number(await sent.getAttribute("data-seq"));
    await fill(slug, 60, "newer filler");

    // Alice finds it: room (not joined), author, time, the words marked, the markup as characters.
    await searchUntil(alice.page, `${word} cafe`, 1);
    const result = searchResults(alice.page).first();
    await expect(result).toContainText(`#${name}`);
    await expect(result).toContainText("not joined");
    await expect(result).toContainText("Bob");
    await expect(result.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}T/);
    await expect(result.locator("mark")).toHaveText([word, "Café"]);
    await expect(result).toContainText(`<img src=x onerror="alert('xss')"> <b>bold</b>`);
    await expect(result.locator("img, b")).toHaveCount(0);
    await expect(searchStatus(alice.page)).toHaveText("1 result");

    // Opening it: the room at that message, highlighted, with history loaded both ways.
    await result.click();
    await expect(alice.page).toHaveURL(new RegExp(`/chat/${slug}\\?m=${seq}$`));
    await expectRoom(alice.page, `#${name}`);
    const list = messageList(alice.page);
    const target = list.locator(`[data-seq="${seq}"]`);
    await expect(target).toHaveAttribute("aria-current", "true");
    await expect(target).toBeInViewport();
    await expect(list.locator(`[data-seq="${seq - 20}"]`)).toBeAttached();
    await expect(list.locator(`[data-seq="${seq + 20}"]`)).toBeAttached();
    await expect(searchResults(alice.page)).toHaveCount(0);

    // The address is a permalink: a new tab of the same signed-in browser opens the same.
    const tab = await alice.context.newPage();
    await tab.goto(alice.page.url());
    await expectRoom(tab, `#${name}`);
    await expect(messageList(tab).locator(`[data-seq="${seq}"]`)).toHaveAttribute("aria-current", "true");
    await expect(messageList(tab).locator(`[data-seq="${seq}"]`)).toBeInViewport();
    expect(dialogs).toEqual([]);
  });

  test("pages with More results, and a private room's messages stay hidden from a non-member", async ({ browser, baseURL }) => {
    const word = uniqueWord("paged");
    const open = await bobsRoom(baseURL!, "public");
    open.bob.close();
    await fill(open.slug, 45, `${word} again`);
    const secret = uniqueWord("secret");
    const hidden = await bobsRoom(baseURL!, "private");
    const sent = await call(hidden.bob, "message:send", { room: hidden.slug, text: `${secret} and ${word}`, clientId: `c-${secret}` });
    expect(sent.ok).toBe(true);
    // Bob, a member, finds it: it is indexed, so alice not finding it below means something.
    await expect(async () => {
      const found = await call(hidden.bob, "message:search", { query: secret });
      expect(found.ok && found.results.length).toBe(1);
    }).toPass({ timeout: 10_000 });
    hidden.bob.close();

    const { page } = await signedInPage(browser, "alice");
    await searchUntil(page, word, 20);
    await expect(searchStatus(page)).toHaveText("20 results, more below");
    await page.getByRole("button", { name: "More results" }).click();
    await expect(searchResults(page)).toHaveCount(40);
    await page.getByRole("button", { name: "More results" }).click();
    await expect(searchResults(page)).toHaveCount(45);
    await expect(searchStatus(page)).toHaveText("45 results");
    await expect(page.getByRole("button", { name: "More results" })).toHaveCount(0);
    // Newest first.
    const seqs = await searchResults(page).evaluateAll((items) => items.map((i) => Number(i.getAttribute("data-seq"))));
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    await expect(page.getByRole("listbox", { name: "Search results" }).locator(`[data-room="${hidden.slug}"]`)).toHaveCount(0);

    for (const query of [secret, `in:#${hidden.slug} ${word}`, `"${secret} and"`]) {
      await searchBox(page).fill(query);
      await expect(searchStatus(page)).toHaveText(`No messages match “${query}”.`);
    }
  });

  test("the keyboard: / and Ctrl+K focus the box, arrows and Enter open a result, Escape clears and closes", async ({ browser, baseURL }) => {
    const word = uniqueWord("keys");
    const bob = await connect(baseURL!, { cookie: await loginOrFail(baseURL!, "bob") });
    for (const n of [1, 2]) {
      const sent = await call(bob, "message:send", { room: "lobby", text: `${word} number ${n}`, clientId: `c-${word}-${n}` });
      expect(sent.ok).toBe(true);
    }
    bob.close();
    const { page } = await signedInPage(browser, "alice");

    // In a text field `/` is a character; Ctrl+K works from there too.
    await composer(page).focus();
    await page.keyboard.press("/");
    await expect(composer(page)).toHaveValue("/");
    await expect(searchBox(page)).not.toBeFocused();
    await page.keyboard.press("Control+k");
    await expect(searchBox(page)).toBeFocused();
    await searchUntil(page, word, 2);
    await page.keyboard.press("Escape");
    await expect(searchBox(page)).toHaveValue("");
    await expect(searchResults(page)).toHaveCount(0);
    await expect(composer(page)).toBeFocused();

    // Outside a text field `/` opens the search.
    await messageList(page).focus();
    await page.keyboard.press("/");
    await expect(searchBox(page)).toBeFocused();
    await expect(composer(page)).toHaveValue("/");
    await page.keyboard.type(word);
    await expect(searchStatus(page)).toHaveText("2 results");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    const second = searchResults(page).nth(1);
    await expect(second).toHaveAttribute("aria-selected", "true");
    await expect(searchBox(page)).toHaveAttribute("aria-activedescendant", (await second.getAttribute("id"))!);
    const seq = await second.getAttribute("data-seq");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/chat\\?m=${seq}$`));
    await expect(messageList(page).locator(`[data-seq="${seq}"]`)).toHaveAttribute("aria-current", "true");
  });

  test("offline, the box says search needs a connection, and searches again once back", async ({ browser, baseURL }) => {
    const word = uniqueWord("offline");
    const bob = await connect(baseURL!, { cookie: await loginOrFail(baseURL!, "bob") });
    expect((await call(bob, "message:send", { room: "lobby", text: word, clientId: `c-${word}` })).ok).toBe(true);
    bob.close();
    const alice = await signedInPage(browser, "alice");
    const { page } = alice;
    await searchUntil(page, word, 1);
    await alice.context.setOffline(true);
    await expect(searchStatus(page)).toHaveText("Search needs a connection. It searches again once you are back online.");
    await searchBox(page).fill(`${word} more`);
    await expect(searchStatus(page)).toHaveText(/^Search needs a connection/);
    await alice.context.setOffline(false);
    await expect(searchStatus(page)).toHaveText(`No messages match “${word} more”.`, { timeout: 20_000 });
    await searchBox(page).fill(word);
    await expect(searchResults(page)).toHaveCount(1);
  });

  test("on a phone the search takes the screen, and a result opens its room", async ({ browser, baseURL }) => {
    const word = uniqueWord("phone");
    const bob = await connect(baseURL!, { cookie: await loginOrFail(baseURL!, "bob") });
    const sent = await call(bob, "message:send", { room: "lobby", text: `from the phone search ${word}`, clientId: `c-${word}` });
    bob.close();
    if (!sent.ok) throw new Error(sent.error.message);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    const page = await context.newPage();
    await login(page, "alice");
    await roomLink(page, "Lobby").click();
    await expectRoom(page, "#Lobby");
    await expect(composer(page)).toBeVisible();

    await page.getByRole("button", { name: "Search messages" }).tap();
    await expect(searchBox(page)).toBeFocused();
    await expect(composer(page)).toBeHidden();
    await expect(sidebar(page)).toBeHidden();
    await expect(page.getByText("Type words to find messages")).toBeVisible();
    await searchUntil(page, word, 1);
    // The whole width of the screen, not a panel beside the box.
    const shown = (await searchResults(page).first().boundingBox())!;
    expect(shown.width).toBeGreaterThan(350);
    await expect(searchResults(page).first()).toBeInViewport();
    await searchResults(page).first().tap();
    await expect(page).toHaveURL(new RegExp(`/chat\\?m=${sent.message.seq}$`));
    await expect(messageList(page).locator(`[data-seq="${sent.message.seq}"]`)).toHaveAttribute("aria-current", "true");
    await expect(searchBox(page)).toBeHidden();
    await expect(composer(page)).toBeInViewport({ ratio: 1 });
    // Closing without choosing goes back to the room.
    await page.getByRole("button", { name: "Search messages" }).tap();
    await expect(searchBox(page)).toBeVisible();
    await page.getByRole("button", { name: "Close" }).tap();
    await expect(composer(page)).toBeVisible();
  });
});
