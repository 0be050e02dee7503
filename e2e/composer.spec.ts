import { expect, test } from "@playwright/test";
import { composer, createRoom, expectDelivered, messagesWith, openFromSidebar, signedInPage, unique } from "./helpers";

test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

test.describe("the composer", () => {
  test("keeps a draft per room, restores it on return and after a reload, and clears it on send", async ({ browser }) => {
    const alice = await signedInPage(browser, "alice");
    const { page } = alice;
    const lobbyDraft = unique("lobby draft");
    await composer(page).fill(lobbyDraft);

    const name = unique("Draft room");
    await createRoom(page, name, "public");
    await expect(composer(page)).toHaveValue("");
    const roomDraft = unique("room draft");
    await composer(page).fill(roomDraft);

    await openFromSidebar(page, "Lobby");
    await expect(composer(page)).toHaveValue(lobbyDraft);
    await openFromSidebar(page, name);
    await expect(composer(page)).toHaveValue(roomDraft);

    await page.reload();
    await expect(page.getByTestId("connection")).toHaveText("Connected");
    await expect(composer(page)).toHaveValue(roomDraft);

    await composer(page).press("Enter");
    await expectDelivered(page, roomDraft, "alice");
    await expect(composer(page)).toHaveValue("");
    await openFromSidebar(page, "Lobby");
    await expect(composer(page)).toHaveValue(lobbyDraft);
    await openFromSidebar(page, name);
    await expect(composer(page)).toHaveValue("");
    await expect(messagesWith(page, lobbyDraft)).toHaveCount(0);
  });

  test("sends from the keyboard alone: Enter sends, Shift+Enter adds a line and the box grows", async ({ browser }) => {
    const { page } = await signedInPage(browser, "bob");
    await composer(page).focus();

    const first = unique("keyboard");
    const box = composer(page);
    const oneLine = (await box.boundingBox())!.height;
    await page.keyboard.type(first);
    for (const line of ["two", "three"]) {
      await page.keyboard.press("Shift+Enter");
      await page.keyboard.type(line);
    }
    await expect(box).toHaveValue(`${first}\ntwo\nthree`);
    await expect.poll(async () => (await box.boundingBox())!.height).toBeGreaterThan(oneLine * 1.8);
    await page.keyboard.press("Enter");
    await expect(box).toHaveValue("");
    await expectDelivered(page, `${first}\ntwo\nthree`, "bob");
    await expect.poll(async () => (await box.boundingBox())!.height).toBeLessThan(oneLine * 1.3);
  });
});
