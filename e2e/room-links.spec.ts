import { expect, test } from "@playwright/test";
import { createRoom, expectRoom, expectSameDocument, markDocument, roomLink, signedInPage, unique } from "./helpers";

test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

test("a room link opens a tab when clicked with a modifier, and says its page is on its way when clicked", async ({ browser }) => {
  // Bob: alice's room:create budget (5, then one per 10 s) is spent by the other specs' rooms.
  const { context, page } = await signedInPage(browser, "bob");
  const name = unique("Linked room");
  const slug = await createRoom(page, name, "public");
  await roomLink(page, "Lobby").click();
  await expectRoom(page, "#Lobby");

  // Ctrl (Cmd on a Mac) + click is the browser's: a new tab, and this one stays where it is.
  const [tab] = await Promise.all([context.waitForEvent("page"), roomLink(page, name).click({ modifiers: ["ControlOrMeta"] })]);
  await tab.waitForURL(new RegExp(`/chat/${slug}$`));
  await expect(page).toHaveURL(/\/chat$/);
  await tab.close();

  // A plain click navigates in place, without a page load; until the room's page arrives (held
  // back here), its link shows that it is on its way.
  await markDocument(page);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname === `/chat/${slug}` && url.searchParams.has("_rsc"),
    async (route) => {
      await held;
      await route.continue();
    },
  );
  await roomLink(page, name).click();
  await expect(roomLink(page, name).locator(".link-pending")).toBeVisible();
  release();
  await expectRoom(page, `#${name}`);
  await expect(roomLink(page, name).locator(".link-pending")).toHaveCount(0);
  await expect(roomLink(page, name)).toHaveAttribute("aria-current", "page");
  await expectSameDocument(page);
});
