"use client";

import { useState } from "react";
import { permalinkUrl } from "@/lib/browser/rooms/permalink";
import type { ChatMessage } from "@/lib/shared/protocol";
import { EMOJI_PALETTE } from "@/lib/shared/protocol/limits";

interface Props {
  message: ChatMessage;
  mine: boolean;
  onReply: () => void;
  onEdit: () => void;
  onDelete: () => void;
  onReact: (emoji: string) => void;
}

/** Reply, react, copy its link, edit and delete (the last two on my own messages), as a labelled toolbar. */
export function MessageActions({ message, mine, onReply, onEdit, onDelete, onReact }: Props) {
  const [picking, setPicking] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  if (message.deletedAt) return null;
  const who = `${message.author.name}'s message`;
  const copyLink = async () => {
    const url = permalinkUrl(window.location.origin, message.room, message.seq);
    // Absent outside a secure context (a plain-HTTP address other than localhost).
    const done = await navigator.clipboard?.writeText(url).then(() => true, () => false);
    setCopied(done ? "Link copied" : "Copy failed");
  };
  return (
    <div className="message-actions" role="group" aria-label={`Actions on ${who}`}>
      <button type="button" className="link-button" onClick={onReply} aria-label={`Reply to ${who}`}>
        Reply
      </button>
      <button type="button" className="link-button" aria-expanded={picking} onClick={() => setPicking(!picking)} aria-label={`React to ${who}`}>
        React
      </button>
      {/* Says what happened until focus leaves it, for mouse and screen reader alike. */}
      <button type="button" className="link-button" onClick={() => void copyLink()} onBlur={() => setCopied(null)} aria-label={copied ? `${copied} (${who})` : `Copy link to ${who}`}>
        {copied ?? "Copy link"}
      </button>
      {mine && (
        <>
          <button type="button" className="link-button" onClick={onEdit} aria-label="Edit your message">
            Edit
          </button>
          <button
            type="button"
            className="link-button"
            aria-label="Delete your message"
            onClick={() => window.confirm("Delete this message for everyone?") && onDelete()}
          >
            Delete
          </button>
        </>
      )}
      {picking && (
        <div className="emoji-palette" role="group" aria-label="Pick a reaction" onKeyDown={(e) => e.key === "Escape" && setPicking(false)}>
          {EMOJI_PALETTE.map((emoji) => (
            <button
              key={emoji}
              type="button"
              className="emoji-choice"
              aria-label={`React with ${emoji}`}
              onClick={() => {
                setPicking(false);
                onReact(emoji);
              }}
            >
              {emoji}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
