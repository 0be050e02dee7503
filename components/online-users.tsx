"use client";

import { useId } from "react";
import type { Author } from "@/lib/shared/protocol";

/** Who is online in the room; another person's name opens a conversation with them. */
export function OnlineUsers({ users, me, onOpenDirect }: { users: Author[]; me: Author; onOpenDirect: (username: string) => void }) {
  const id = useId();
  return (
    <aside className="online" aria-labelledby={id}>
      <h3 id={id} className="online-heading">
        Online ({users.length})
      </h3>
      <ul data-testid="online-users">
        {users.map((user) => (
          <li key={user.id} data-username={user.username}>
            {user.id === me.id ? (
              <span>{user.name} (you)</span>
            ) : (
              <button type="button" className="link-button" title={`Message ${user.name}`} onClick={() => onOpenDirect(user.username)}>
                {user.name}
              </button>
            )}
          </li>
        ))}
      </ul>
    </aside>
  );
}
