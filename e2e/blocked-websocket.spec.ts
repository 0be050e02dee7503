import { expect, test, type Page } from "@playwright/test";
import { startBlockingProxy, type BlockingProxy } from "./blocking-proxy";
import { composer, createRoom, expectDelivered, expectRoom, login, signedInPage, unique } from "./helpers";

let proxy: BlockingProxy | undefined;
test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
  await proxy?.close();
  proxy = undefined;
});

const connection = (page: Page) => page.getByTestId("connection");

async function exchange(alice: Page, bob: Page, label: string): Promise<void> {
  const fromAlice = unique(`${label} from alice`);
  await composer(alice).fill(fromAlice);
  await composer(alice).press("Enter");
  await expectDelivered(bob, fromAlice, "alice");
  const fromBob = unique(`${label} from bob`);
  await composer(bob).fill(fromBob);
  await composer(bob).press("Enter");
  await expectDelivered(alice, fromBob, "bob");
}

test("with WebSockets refused by a proxy the chat works over long-polling, and moves to WebSocket once they are allowed", async ({ browser }) => {
  proxy = await startBlockingProxy("no-websocket");
  const context = await browser.newContext({ proxy: { server: proxy.server } });
  const page = await context.newPage();
  const polls: string[] = [];
  page.on("request", (r) => void (r.url().includes("transport=polling") && polls.push(r.method())));
  await login(page, "alice");
  await expect(connection(page)).toHaveAttribute("data-transport", "polling");
  expect(proxy.tunnelsAsked.length).toBeGreaterThan(0);

  // Bob creates the room: alice's room:create budget is spent by the other specs' rooms.
  const bob = await signedInPage(browser, "bob");
  const name = unique("Polling room");
  const slug = await createRoom(bob.page, name, "public");
  await page.goto(`/chat/${slug}`);
  await expectRoom(page, `#${name}`);
  await exchange(page, bob.page, "over long-polling");
  expect(polls).toContain("GET");
  expect(polls).toContain("POST");
  await expect(connection(page)).toHaveAttribute("data-transport", "polling");

  // The proxy lets WebSockets through again: the tab's next probe finds it and moves over.
  proxy.set("open");
  await expect(connection(page)).toHaveAttribute("data-transport", "websocket", { timeout: 30_000 });
  await expect(connection(page)).toHaveText("Connected");
  await exchange(page, bob.page, "over WebSocket again");
});
