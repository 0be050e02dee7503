import { expect, test } from "@playwright/test";
import { expectDelivered, sendWithButton, signedInPage, unique } from "./helpers";

// Runs only in the cluster configuration: two nodes behind nginx.
const port = Number(process.env.E2E_CLUSTER_PORT ?? 3220);
const nodes = [port + 1, port + 2];

async function socketsOn(nodePort: number): Promise<number> {
  const body = await (await fetch(`http://127.0.0.1:${nodePort}/metrics`)).text();
  const line = body.split("\n").find((l) => l.startsWith("chat_connected_sockets "));
  return Number(line?.split(" ")[1] ?? 0);
}

test("alice and bob on different nodes chat through nginx, both ways", async ({ browser }) => {
  const alice = await signedInPage(browser, "alice");
  const bob = await signedInPage(browser, "bob");
  // Round robin hands the two WebSockets to the two nodes: this conversation crosses them.
  await expect.poll(async () => Promise.all(nodes.map(socketsOn))).toEqual([1, 1]);

  const hello = unique("hello from alice");
  await sendWithButton(alice.page, hello);
  await expectDelivered(bob.page, hello, "alice");
  const reply = unique("hi from bob");
  await sendWithButton(bob.page, reply);
  await expectDelivered(alice.page, reply, "bob");

  await alice.context.close();
  await bob.context.close();
});
