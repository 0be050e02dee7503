"use client";

import { signOut } from "@/lib/browser/auth/auth-client";

export function LogoutButton() {
  return (
    <button type="button" className="link-button" onClick={() => void signOut()}>
      Log out
    </button>
  );
}
