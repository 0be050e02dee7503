import { expect, test } from "@playwright/test";
import { startBlockingProxy, type BlockingProxy } from "./blocking-proxy";
import { composer, createRoom, expectDelivered, expectRoom, login, signedInPage, unique } from "./helpers";

let proxy: BlockingProxy | undefined;
test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
  await proxy?.close();
  proxy = undefined;
});

test("a connection cut from the server's side comes back after repeated attempts, and what was missed meanwhile appears", async ({ browser }) => {
  const alice = await signedInPage(browser, "alice");
  proxy = await startBlockingProxy("open");
  const context = await browser.newContext({ proxy: { server: proxy.server } });
  const bob = await context.newPage();
  await login(bob, "bob");
  await expect(bob.getByTestId("connection")).toHaveAttribute("data-transport", "websocket");
  const name = unique("Reconnect room");
  const slug = await createRoom(alice.page, name, "public");
  await bob.goto(`/chat/${slug}`);
  await expectRoom(bob, `#${name}`);

  // The connection drops and the way back stays shut for a while.
  proxy.set("down");
  proxy.cut();
  await expect(bob.getByTestId("connection")).toHaveAttribute("data-status", "reconnecting");
  const missed = Array.from({ length: 3 }, (_, i) => unique(`missed ${i + 1}`));
  for (const text of missed) {
    await composer(alice.page).fill(text);
    await composer(alice.page).press("Enter");
    await expectDelivered(alice.page, text, "alice");
  }
  // Four attempts after the cut, counted by the page from socket.io-client's reconnect_attempt
  // (the proxy's own view of attempts mixes WebSocket tunnels and polling requests, so it is not used).
  await expect(bob.getByTestId("connection")).toContainText(/Reconnecting… \(attempt [4-9]/);

  proxy.set("open");
  await expect(bob.getByTestId("connection")).toHaveText("Connected", { timeout: 15_000 });
  for (const text of missed) await expectDelivered(bob, text, "alice");
  const back = unique("after the reconnection");
  await composer(bob).fill(back);
  await composer(bob).press("Enter");
  await expectDelivered(alice.page, back, "bob");
});
