import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { composer, expectDelivered, roomLink, searchBox, searchResults, searchUntil, signedInPage, unique, uniqueWord } from "./helpers";

test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

/** The serious and critical axe violations on the page as it is, WCAG 2.1 A and AA and best practices. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`accessibility, ${colorScheme} theme`, () => {
    test("the login page has no serious or critical violations", async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.goto("/login");
      await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
      expect(await seriousViolations(page)).toEqual([]);
      // And with the error shown.
      await page.getByLabel("Username").fill("alice");
      await page.getByLabel("Password").fill("wrong");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("the chat page has no serious or critical violations", async ({ browser }) => {
      const bob = await signedInPage(browser, "bob");
      const alice = await signedInPage(browser, "alice");
      const { page } = alice;
      await page.emulateMedia({ colorScheme });
      // Everything a room can show: formatted text, code, links, grouped messages, someone online,
      // a pending send and an open panel.
      const text = unique("axe **bold** *it* ~~old~~ `code` [link](https://example.com)");
      await composer(bob.page).fill(`${text}\n\`\`\`\nblock\n\`\`\``);
      await composer(bob.page).press("Enter");
      const second = unique("second in the group");
      await composer(bob.page).fill(second);
      await composer(bob.page).press("Enter");
      await expectDelivered(page, second, "bob");
      await page.getByRole("button", { name: "New room" }).click();
      await composer(page).fill("a draft");
      expect(await seriousViolations(page)).toEqual([]);

      // The phone layout, both of its screens (/chat opens on the room list).
      await page.setViewportSize({ width: 390, height: 844 });
      await expect(composer(page)).toBeHidden();
      expect(await seriousViolations(page)).toEqual([]);
      await roomLink(page, "Lobby").click();
      await expect(composer(page)).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole("button", { name: "Back to rooms" }).click();
      await expect(roomLink(page, "Lobby")).toBeVisible();
    });

    test("the message search, open with results, has no serious or critical violations", async ({ browser }) => {
      const { page } = await signedInPage(browser, "alice");
      await page.emulateMedia({ colorScheme });
      const word = uniqueWord("axe");
      await composer(page).fill(`${word} **marked** in a result, with [a link](https://example.com)`);
      await composer(page).press("Enter");
      await expect(composer(page)).toHaveValue("");
      await searchUntil(page, word, 1);
      await page.keyboard.press("ArrowDown");
      await expect(searchResults(page).first()).toHaveAttribute("aria-selected", "true");
      expect(await seriousViolations(page)).toEqual([]);
      // The syntax hint of an empty box.
      await searchBox(page).fill("");
      await expect(page.getByText("Type words to find messages")).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);

      // At phone width, the search over the whole screen, from a room.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.keyboard.press("Escape");
      await roomLink(page, "Lobby").click();
      await page.getByRole("button", { name: "Search messages" }).click();
      await searchUntil(page, word, 1);
      await expect(composer(page)).toBeHidden();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}
