import type { ChatMessage } from "@/lib/shared/protocol";

/** Above the composer while writing a reply: whom to, and a way out. */
export function ReplyDraft({ parent, onCancel }: { parent: ChatMessage; onCancel: () => void }) {
  return (
    <div className="reply-draft" data-testid="reply-draft">
      <span>
        Replying to <strong>{parent.author.name}</strong>: {[...parent.text].slice(0, 80).join("")}
      </span>
      <button type="button" className="link-button" onClick={onCancel} aria-label="Cancel the reply">
        Cancel
      </button>
    </div>
  );
}
