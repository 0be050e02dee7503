"use client";

import { useState } from "react";
import { notificationsSupported } from "@/lib/browser/mentions/mention-notifications";
import { useHydrated } from "@/lib/browser/ui/use-hydrated";

/** Asks for permission to notify mentions, from a click (browsers ignore requests without a gesture). */
export function NotificationToggle() {
  const hydrated = useHydrated();
  // After a click: what the browser answered; before: what it says now (read once hydrated).
  const [answer, setAnswer] = useState<NotificationPermission | null>(null);
  if (!hydrated || !notificationsSupported()) return null;
  const permission = answer ?? Notification.permission;
  if (permission === "granted") return null;
  if (permission === "denied") return <p className="muted">Notifications are blocked in this browser.</p>;
  return (
    <button type="button" className="link-button" onClick={() => void Notification.requestPermission().then(setAnswer)}>
      Enable notifications
    </button>
  );
}
