import { expect, test } from "@playwright/test";
import { composer, expectDelivered, messageList, messagesWith, roomLink, sidebar, submitLogin, unique } from "./helpers";

test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

test.describe("on a phone", () => {
  test("the room list is its own screen, a room has a back button, and the composer stays in view", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    const page = await context.newPage();
    await submitLogin(page, "alice", "alice-password");
    await expect(page).toHaveURL(/\/chat$/);

    // First screen: the rooms, and no room beside them.
    await expect(sidebar(page)).toBeVisible();
    await expect(roomLink(page, "Lobby")).toBeVisible();
    await expect(composer(page)).toBeHidden();

    // A room: its messages and composer, no list.
    await roomLink(page, "Lobby").click();
    await expect(page.getByRole("heading", { level: 2, name: "#Lobby" })).toBeVisible();
    await expect(page.getByTestId("connection")).toHaveText("Connected");
    await expect(sidebar(page)).toBeHidden();
    await expect(messageList(page)).toBeVisible();
    await expect(composer(page)).toBeInViewport({ ratio: 1 });

    // Many lines of text do not push the composer below the fold.
    const text = unique("from a phone");
    await composer(page).fill(`${text}\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12`);
    await expect(composer(page)).toBeInViewport({ ratio: 1 });
    await composer(page).fill(text);
    await composer(page).press("Enter");
    await expectDelivered(page, text, "alice");
    await expect(messagesWith(page, text)).toBeInViewport();
    await expect(composer(page)).toBeInViewport({ ratio: 1 });

    // Back to the list.
    await page.getByRole("button", { name: "Back to rooms" }).click();
    await expect(sidebar(page)).toBeVisible();
    await expect(composer(page)).toBeHidden();
    await expect(page).toHaveURL(/\/chat$/);

    // And the room again, from the list, where it was.
    await roomLink(page, "Lobby").click();
    await expect(composer(page)).toBeInViewport({ ratio: 1 });
    await expect(messagesWith(page, text)).toBeInViewport();
  });

  test("on a wide screen both panes show and there is no back button", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await submitLogin(page, "bob", "bob-password");
    await expect(page.getByTestId("connection")).toHaveText("Connected");
    await expect(sidebar(page)).toBeVisible();
    await expect(composer(page)).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole("button", { name: "Back to rooms" })).toBeHidden();
  });
});
