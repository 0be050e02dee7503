// The chat page in Chromium: first-load JavaScript and the time from "Sign in" to "Connected".
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { performance } from "node:perf_hooks";
import type { Browser } from "@playwright/test";
import { options, root, sleep } from "../cli";
import type { Result } from "../result";
import { finish, prepare } from "../servers";

/** Signs in as alice (a template user) through the real form: times and the last session cookie. */
async function signIns(browser: Browser, url: string): Promise<{ times: number[]; cookie: string }> {
  const times: number[] = [];
  let cookie = "";
  for (let i = 0; i < (options.quick ? 3 : 5); i++) {
    const context = await browser.newContext();
    const p = await context.newPage();
    await p.goto(`${url}/login`);
    await p.getByLabel("Username").fill("alice");
    await p.getByLabel("Password").fill("alice-password");
    const button = p.getByRole("button", { name: "Sign in" });
    await button.waitFor();
    while (await button.isDisabled()) await sleep(10);
    const t = performance.now();
    await button.click();
    // Checked every frame: a locator's waitFor retries at growing intervals (up to 500 ms),
    // which added up to half a second to this figure.
    await p.waitForFunction(() => document.querySelector('[data-testid="connection"]')?.textContent === "Connected", undefined, { polling: "raf", timeout: 30_000 });
    times.push(performance.now() - t);
    cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    await context.close();
  }
  return { times: times.sort((a, b) => a - b), cookie };
}

/** The gzip sizes of the scripts the /chat HTML references. */
async function firstLoadJs(url: string, cookie: string): Promise<{ scripts: number; gz: number; raw: number }> {
  const html = await fetch(`${url}/chat`, { headers: { cookie } }).then((r) => r.text());
  // A browser with ES modules skips `noModule` scripts (Next's legacy polyfills, ~39 KB), as Next's own First Load JS does.
  const tags = [...html.matchAll(/<[^>]*(?:src|href)="(\/_next\/static\/[^"]+\.js)"[^>]*>/g)].filter((m) => !/\bnoModule\b/i.test(m[0]));
  const srcs = new Set(tags.map((m) => m[1]!));
  let gz = 0;
  let raw = 0;
  for (const src of srcs) {
    const file = path.join(root, ".next", "static", decodeURIComponent(src.replace("/_next/static/", "")));
    raw += statSync(file).size;
    gz += gzipSync(readFileSync(file), { level: 9 }).length;
  }
  return { scripts: srcs.size, gz, raw };
}

export async function page(): Promise<Result> {
  const { target } = await prepare("app", 0, []);
  try {
    const { chromium } = await import("@playwright/test");
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    const { times, cookie } = await signIns(browser, target.url).finally(() => browser.close());
    const js = await firstLoadJs(target.url, cookie);
    const kb = js.gz / 1024;
    const median = times[Math.floor(times.length / 2)]!;
    return {
      scenario: "page",
      load: `/chat of the production build; sign-in (click) to "Connected", median of ${times.length} fresh contexts`,
      app: { scripts: js.scripts, firstLoadJsGzipKB: kb, firstLoadJsRawKB: js.raw / 1024, signInToReadyMedianMs: median, signInToReadyMaxMs: times.at(-1)! },
      target: "first-load JS < 175 KB gzipped; sign-in to ready < 1 s",
      met: kb < 175 && median < 1000,
    };
  } finally {
    await finish(target);
  }
}
