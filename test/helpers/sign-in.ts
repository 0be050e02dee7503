// Signing in and out as a browser's HTML form does, through NextAuth's documented endpoints: the
// CSRF token from GET /api/auth/csrf, a form POST, and NextAuth's answer in the 302's Location and
// Set-Cookie. The one way scripts and tests (test/helpers, e2e API calls) get a session.

export interface SignIn {
  /** The Cookie header of the signed-in session (with NextAuth's other cookies), or null when refused. */
  cookie: string | null;
  /** NextAuth's `error` from the redirect (what the sign-in page would show), when refused. */
  error: string | null;
  /** The callback's raw Set-Cookie headers, for tests of the cookies' attributes. */
  setCookies: string[];
}

type Jar = Map<string, string>;

function keep(response: Response, jar: Jar): void {
  for (const header of response.headers.getSetCookie()) {
    const [pair = ""] = header.split(";");
    const eq = pair.indexOf("=");
    jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
}

const cookieHeader = (jar: Jar) => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
const isSessionCookie = (name: string) => /^(__Secure-)?next-auth\.session-token(\.\d+)?$/.test(name);

/** GET /api/auth/csrf: the token for the form, its cookie kept in the jar. */
async function csrfToken(url: string, jar: Jar, headers: Record<string, string>): Promise<string> {
  const response = await fetch(`${url}/api/auth/csrf`, { headers: { ...headers, cookie: cookieHeader(jar) } });
  if (!response.ok) throw new Error(`/api/auth/csrf answered ${response.status}`);
  keep(response, jar);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

/** POSTs a form to NextAuth and returns its redirect target; NextAuth answers every form with a 302. */
async function postForm(url: string, route: string, form: Record<string, string>, jar: Jar, headers: Record<string, string>) {
  const response = await fetch(`${url}/api/auth/${route}`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams(form),
    redirect: "manual",
  });
  const location = response.headers.get("location");
  if (response.status !== 302 || !location) throw new Error(`${route} answered ${response.status}, not a redirect`);
  const target = new URL(location, url);
  // A form whose CSRF token NextAuth refused is sent back to its own sign-in/sign-out page.
  if (target.searchParams.get("csrf") === "true") throw new Error(`${route} refused the CSRF token`);
  return { response, target };
}

/**
 * Signs in with the credentials provider. `headers` go with both requests (e.g. X-Forwarded-For).
 * Refusals (wrong password, throttling) are answers, not errors: `cookie` null and NextAuth's `error`.
 */
export async function signIn(url: string, credentials: { username: string; password: string }, headers: Record<string, string> = {}): Promise<SignIn> {
  const jar: Jar = new Map();
  const form = { csrfToken: await csrfToken(url, jar, headers), ...credentials };
  const { response, target } = await postForm(url, "callback/credentials", form, jar, headers);
  keep(response, jar);
  const error = target.searchParams.get("error");
  const signedIn = [...jar.keys()].some(isSessionCookie);
  if (signedIn === (error !== null)) throw new Error(`sign-in gave ${signedIn ? "a session and" : "no session and no"} error (${target})`);
  return { cookie: signedIn ? cookieHeader(jar) : null, error, setCookies: response.headers.getSetCookie() };
}

/** Signs out the session of `cookie` (a Cookie header from signIn); returns the Set-Cookie headers, which clear it. */
export async function signOut(url: string, cookie: string): Promise<string[]> {
  const jar: Jar = new Map(cookie.split("; ").map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]));
  const { response } = await postForm(url, "signout", { csrfToken: await csrfToken(url, jar, {}) }, jar, {});
  return response.headers.getSetCookie();
}
