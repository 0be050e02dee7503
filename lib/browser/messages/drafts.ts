"use client";

// Unsent text per room, kept in the tab's sessionStorage: it survives moving between rooms and
// reloads, and leaves with the tab. Storage may be full or refused (private modes): then drafts
// simply are not kept.

const keyOf = (userId: number, room: string) => `chat:draft:${userId}:${room}`;

export function loadDraft(userId: number, room: string): string {
  try {
    return sessionStorage.getItem(keyOf(userId, room)) ?? "";
  } catch {
    return "";
  }
}

export function saveDraft(userId: number, room: string, text: string): void {
  try {
    if (text) sessionStorage.setItem(keyOf(userId, room), text);
    else sessionStorage.removeItem(keyOf(userId, room));
  } catch {
    // Not kept; the composer still works.
  }
}
