"use client";

// Sign-in and sign-out as plain form posts to NextAuth's endpoints. next-auth/react did the same
// with about 9 KB of gzipped JavaScript on every chat page, and asked /api/auth/providers and
// /api/auth/csrf before each sign-in; here the CSRF token is fetched while the form is filled in.

const BASE = "/api/auth";

let csrf: Promise<string> | undefined;

/** NextAuth's double-submit CSRF token; its answer also sets the cookie the token is checked against. */
export function prefetchCsrfToken(): Promise<string> {
  csrf ??= fetch(`${BASE}/csrf`, { cache: "no-store" })
    .then((res) => (res.ok ? (res.json() as Promise<{ csrfToken: string }>) : Promise.reject(new Error(`csrf ${res.status}`))))
    .then((data) => data.csrfToken);
  // A failed fetch is not cached: the next call tries again.
  csrf.catch(() => (csrf = undefined));
  return csrf;
}

/** Posts a form to NextAuth with `json=true`: it answers `{ url }` (where it would redirect) instead of a 302. */
async function post(action: string, fields: Record<string, string>): Promise<{ ok: boolean; url: URL }> {
  const send = async () => {
    const body = new URLSearchParams({ ...fields, csrfToken: await prefetchCsrfToken(), json: "true" });
    const res = await fetch(`${BASE}/${action}`, { method: "POST", body });
    const data = (await res.json()) as { url?: string };
    return { ok: res.ok, url: new URL(data.url ?? "", window.location.href) };
  };
  const first = await send();
  if (!first.url.searchParams.has("csrf")) return first;
  // The token no longer matches its cookie (cleared meanwhile): fetch a fresh one, once.
  csrf = undefined;
  return send();
}

/** `error` is NextAuth's: "CredentialsSignin" for wrong credentials, or the sentence `authorize` threw. */
export type SignInResult = { ok: true } | { ok: false; error: string | undefined };

/** Checks the credentials; on success the session cookie is set and the caller navigates. */
export async function signInWithPassword(username: string, password: string): Promise<SignInResult> {
  const { ok, url } = await post("callback/credentials", { username, password, callbackUrl: window.location.href });
  const error = url.searchParams.get("error");
  if (ok && !error && !url.searchParams.has("csrf")) return { ok: true };
  return { ok: false, error: error ?? undefined };
}

/** Ends the session (NextAuth clears its cookie and closes this session's sockets), then loads /login. */
export async function signOut(): Promise<void> {
  // Leave the page whatever happened: /login sends a user who is still signed in back to the chat.
  await post("signout", { callbackUrl: "/login" }).catch(() => undefined);
  // A full load on purpose: nothing of the signed-in page (socket, stores, router cache) survives.
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.assign("/login");
}
