"use client";

import { signOut } from "@/lib/client/auth-client";

export function LogoutButton() {
  return (
    <button type="button" className="link-button" onClick={() => void signOut()}>
      Log out
    </button>
  );
}
