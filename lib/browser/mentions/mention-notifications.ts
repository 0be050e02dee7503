"use client";

import type { ChatMessage } from "@/lib/shared/protocol";

// Browser notifications for mentions while the tab is hidden. Permission is only ever asked from
// a user gesture (components/notification-toggle.tsx); without it nothing is shown.

export const notificationsSupported = () => typeof window !== "undefined" && "Notification" in window;

export function notifyMention(message: ChatMessage, roomName: string): void {
  if (!notificationsSupported() || Notification.permission !== "granted") return;
  if (document.visibilityState !== "hidden") return;
  // Title and body are plain text: the Notification API renders no markup.
  const notification = new Notification(`${message.author.name} mentioned you in ${roomName}`, {
    body: [...message.text].slice(0, 200).join(""),
    tag: `${message.room}:${message.seq}`,
  });
  notification.onclick = () => {
    window.focus();
    notification.close();
  };
}
