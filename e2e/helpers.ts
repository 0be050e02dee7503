import { expect, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";

export type UserName = "alice" | "bob" | "carol";

export const displayName = (user: UserName) => user[0]!.toUpperCase() + user.slice(1);

let counter = 0;
/** A message text no other test (or earlier run against the same database) has used. */
export const unique = (label: string) => `${label} ${Date.now().toString(36)}-${++counter}`;

/** Fills and submits the real login form; the button stays disabled until React has hydrated. */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  const button = page.getByRole("button", { name: "Sign in" });
  await expect(button).toBeEnabled();
  await button.click();
}

/** The login form's error. (Next's route announcer is another, empty, role="alert" on every page.) */
export const loginAlert = (page: Page) => page.getByRole("main").getByRole("alert");

/** Signs in through the form and waits for the lobby with a live socket. */
export async function login(page: Page, user: UserName): Promise<void> {
  await submitLogin(page, user, `${user}-password`);
  await expect(page).toHaveURL(/\/chat$/);
  await expectChatReady(page, user);
}

export async function expectChatReady(page: Page, user: UserName): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: displayName(user) })).toBeVisible();
  await expect(page.getByTestId("connection")).toHaveText("Connected");
}

/** A fresh browser context (own cookies) with `user` signed in through the form. */
export async function signedInPage(browser: Browser, user: UserName): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, user);
  return { context, page };
}

export const messageList = (page: Page) => page.getByRole("log", { name: "Messages" });

// A combobox: the composer completes `@mentions` (ARIA combobox pattern).
export const composer = (page: Page) => page.getByRole("combobox", { name: "Message", exact: true });

/** The message items whose text contains `text`. */
export const messagesWith = (page: Page, text: string): Locator =>
  messageList(page).getByTestId("message").filter({ hasText: text });

/** Types `text` and clicks Send. */
export async function sendWithButton(page: Page, text: string): Promise<void> {
  await composer(page).fill(text);
  const send = page.getByRole("button", { name: "Send" });
  await expect(send).toBeEnabled();
  await send.click();
  await expect(composer(page)).toHaveValue("");
}

/**
 * Asserts that exactly one message with exactly `text` is shown as stored (not pending), by `author`,
 * with a time. Returns its item.
 */
export async function expectDelivered(page: Page, text: string, author: UserName): Promise<Locator> {
  const item = messagesWith(page, text);
  await expect(item).toHaveCount(1);
  // Stored messages carry their sequence number; pending ones carry data-status instead.
  await expect(item).toHaveAttribute("data-seq", /^\d+$/);
  await expect(item).not.toHaveAttribute("data-status");
  await expect(item.locator(".message-author")).toHaveText(displayName(author));
  await expect(item.locator(".message-text")).toHaveJSProperty("textContent", text);
  const time = item.locator("time");
  await expect(time).toBeAttached();
  // Relative ("just now", "5 min") or a time of day; the exact time is in its title.
  await expect(time).toHaveText(/^(just now|\d+ min|\d{1,2}:\d{2}.*)$/);
  await expect(time).toHaveAttribute("title", /\d/);
  await expect(time).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}T/);
  return item;
}

/** Collects the dialogs (alert, confirm, ...) a page opens; a test asserts the list stays empty. */
export function watchDialogs(page: Page): string[] {
  const opened: string[] = [];
  page.on("dialog", (dialog) => {
    opened.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  return opened;
}

/** The sidebar. */
export const sidebar = (page: Page) => page.getByRole("navigation", { name: "Rooms" });

/** The sidebar link of the room or conversation shown as `name`. */
export const roomLink = (page: Page, name: string): Locator =>
  sidebar(page).getByTestId("room-link").filter({ has: page.getByText(name, { exact: true }) });

/** The room on screen is `title` (its heading: "#name" or a person's name) and live: joined, history caught up. */
export async function expectRoom(page: Page, title: string): Promise<void> {
  const heading = new RegExp(`^${escapeRegExp(title)}( private)?$`);
  await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
  await expect(page.getByTestId("connection")).toHaveText("Connected");
}

/** Creates a room through the sidebar form; resolves with its slug once it is open. */
export async function createRoom(page: Page, name: string, visibility: "public" | "private"): Promise<string> {
  await sidebar(page).getByRole("button", { name: "New room" }).click();
  const form = page.getByRole("form", { name: "New room" });
  await form.getByLabel("Room name").fill(name);
  await form.getByLabel(visibility === "public" ? /^Public/ : /^Private/).check();
  await form.getByRole("button", { name: "Create room" }).click();
  await expect(page).toHaveURL(/\/chat\/[a-z0-9-]+$/);
  await expectRoom(page, `#${name}`);
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** Opens a room from the sidebar, without a page load. */
export async function openFromSidebar(page: Page, name: string, title = `#${name}`): Promise<void> {
  await roomLink(page, name).click();
  await expect(roomLink(page, name)).toHaveAttribute("aria-current", "page");
  await expectRoom(page, title);
}

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The seqs of the stored messages on screen, in display order. */
export async function shownSeqs(page: Page): Promise<number[]> {
  const seqs = await messageList(page).locator("[data-seq]").evaluateAll((items) => items.map((i) => i.getAttribute("data-seq")));
  return seqs.map(Number);
}

/** Marks the current document; `expectSameDocument` then proves no full page load happened since. */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => Object.assign(window, { __e2eMark: true }));
}

export async function expectSameDocument(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as { __e2eMark?: boolean }).__e2eMark === true)).toBe(true);
}

// The message search (issue 15): a combobox in the chat header and its listbox of results.
export const searchBox = (page: Page) => page.getByRole("combobox", { name: "Search messages" });
export const searchResults = (page: Page) => page.getByRole("listbox", { name: "Search results" }).getByRole("option");
export const searchStatus = (page: Page) => page.getByTestId("search-status");

/** A word no other test has used, that the search reads as one word (letters and digits only). */
export const uniqueWord = (label: string) => unique(label).replace(/[^a-z0-9]/gi, "");

/**
 * Searches `query` until the results hold `count` options: a message is indexed within about a
 * second of its send, so the box is typed again until it is.
 */
export async function searchUntil(page: Page, query: string, count: number): Promise<void> {
  await expect(async () => {
    await searchBox(page).fill("");
    await searchBox(page).fill(query);
    await expect(searchStatus(page)).not.toHaveText("Searching…", { timeout: 5_000 });
    await expect(searchResults(page)).toHaveCount(count, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}
