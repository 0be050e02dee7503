import { expect, test } from "@playwright/test";
import { composer, createRoom, expectDelivered, expectRoom, login, signedInPage, unique } from "./helpers";

test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

test("with WebSockets blocked the chat falls back to long-polling and works both ways", async ({ browser }) => {
  const context = await browser.newContext();
  // What a proxy that refuses WebSockets does to the page: its socket closes before any handshake.
  await context.routeWebSocket(/\/socket\.io\//, (ws) => ws.close());
  const page = await context.newPage();
  const polls: string[] = [];
  page.on("request", (r) => void (r.url().includes("transport=polling") && polls.push(r.method())));
  await login(page, "alice");
  expect(polls).toContain("GET");

  // Bob creates the room: alice's room:create budget is spent by the other specs' rooms.
  const bob = await signedInPage(browser, "bob");
  const name = unique("Polling room");
  const slug = await createRoom(bob.page, name, "public");
  await page.goto(`/chat/${slug}`);
  await expectRoom(page, `#${name}`);

  const fromAlice = unique("sent over long-polling");
  await composer(page).fill(fromAlice);
  await composer(page).press("Enter");
  await expectDelivered(bob.page, fromAlice, "alice");
  const fromBob = unique("received over long-polling");
  await composer(bob.page).fill(fromBob);
  await composer(bob.page).press("Enter");
  await expectDelivered(page, fromBob, "bob");
  expect(polls).toContain("POST");
});
