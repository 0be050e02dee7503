"use client";

import type { Author, ChatMessage } from "@/lib/shared/protocol";

interface Props {
  message: ChatMessage;
  me: Author;
  onToggle: (emoji: string, on: boolean) => void;
}

/** The reactions of a message: one toggle per emoji, pressed when I reacted, who reacted on hover. */
export function ReactionBar({ message, me, onToggle }: Props) {
  if (message.reactions.length === 0) return null;
  return (
    <ul className="reactions" aria-label="Reactions">
      {message.reactions.map(({ emoji, users }) => {
        const mine = users.some((u) => u.id === me.id);
        const names = users.map((u) => u.name).join(", ");
        return (
          <li key={emoji}>
            <button
              type="button"
              className={mine ? "reaction mine" : "reaction"}
              data-testid="reaction"
              data-emoji={emoji}
              aria-pressed={mine}
              aria-label={`${emoji} ${users.length}, by ${names}`}
              title={names}
              onClick={() => onToggle(emoji, !mine)}
            >
              <span aria-hidden="true">{emoji}</span> <span aria-hidden="true">{users.length}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
