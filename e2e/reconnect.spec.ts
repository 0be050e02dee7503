import { expect, test } from "@playwright/test";
import { startBlockingProxy, type BlockingProxy } from "./blocking-proxy";
import { composer, createRoom, expectDelivered, expectRoom, login, signedInPage, unique } from "./helpers";

let proxy: BlockingProxy | undefined;
test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
  await proxy?.close();
  proxy = undefined;
});

test("a connection cut from the server's side comes back with growing delays, and what was missed meanwhile appears", async ({ browser }) => {
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
  const cutAt = Date.now();
  proxy.cut();
  await expect(bob.getByTestId("connection")).toHaveAttribute("data-status", "reconnecting");
  const missed = Array.from({ length: 3 }, (_, i) => unique(`missed ${i + 1}`));
  for (const text of missed) {
    await composer(alice.page).fill(text);
    await composer(alice.page).press("Enter");
    await expectDelivered(alice.page, text, "alice");
  }
  // Chromium may ask for a refused tunnel twice in one attempt: asks within 300 ms count as one.
  // Four attempts after the cut; socket.io-client doubles its delay from about 1 s up to 5 s.
  const attemptsSince = () => proxy!.tunnelsAsked.filter((t, i, all) => t > cutAt && !(i > 0 && t - all[i - 1]! < 300));
  await expect.poll(() => attemptsSince().length, { timeout: 30_000 }).toBeGreaterThanOrEqual(4);
  const attempts = attemptsSince();
  const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
  // The delay before the fourth attempt is 4 to 5 s, where a fixed delay stays under 1.5 s. The
  // longest gap is what is judged: an extra tunnel request within an attempt only adds short ones.
  expect(Math.max(...gaps)).toBeGreaterThan(2_500);
  await expect(bob.getByTestId("connection")).toContainText(/Reconnecting… \(attempt [4-9]/);

  proxy.set("open");
  await expect(bob.getByTestId("connection")).toHaveText("Connected", { timeout: 15_000 });
  for (const text of missed) await expectDelivered(bob, text, "alice");
  const back = unique("after the reconnection");
  await composer(bob).fill(back);
  await composer(bob).press("Enter");
  await expectDelivered(alice.page, back, "bob");
});
