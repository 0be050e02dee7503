"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { signInWithPassword } from "@/lib/browser/auth/auth-client";
import { loginErrorMessage } from "@/lib/browser/auth/login-error";
import { useHydrated } from "@/lib/browser/ui/use-hydrated";

export function LoginForm() {
  const router = useRouter();
  // Until React runs, a click would submit the form natively; the button stays off until then.
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const result = await signInWithPassword(String(form.get("username") ?? ""), String(form.get("password") ?? ""));
      if (result.ok) {
        router.replace("/chat");
        return;
      }
      setError(loginErrorMessage(result.error));
    } catch {
      setError("Could not reach the server. Try again.");
    }
    setBusy(false);
  }

  return (
    <form className="login-form" onSubmit={onSubmit} noValidate={false}>
      <label htmlFor="username">Username</label>
      <input id="username" name="username" autoComplete="username" required maxLength={64} autoFocus />
      <label htmlFor="password">Password</label>
      <input id="password" name="password" type="password" autoComplete="current-password" required maxLength={1024} />
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={!hydrated || busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
