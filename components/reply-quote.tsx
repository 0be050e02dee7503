import type { ReplyPreview } from "@/lib/shared/protocol";

/** Scrolls to the quoted message and focuses it, if it is loaded; says so otherwise. */
function goTo(seq: number): void {
  const target = document.querySelector<HTMLElement>(`[data-testid="message"][data-seq="${seq}"]`);
  if (!target) return;
  target.scrollIntoView({ block: "center" });
  target.focus({ preventScroll: true });
}

export function ReplyQuote({ preview }: { preview: ReplyPreview }) {
  const excerpt = preview.deleted ? "message deleted" : preview.excerpt;
  return (
    <button
      type="button"
      className="reply-quote"
      data-testid="reply-quote"
      aria-label={`Reply to ${preview.author.name}: ${excerpt ?? ""}. Show the original message`}
      onClick={() => goTo(preview.seq)}
    >
      <span className="reply-quote-author">{preview.author.name}</span>{" "}
      <span className={preview.deleted ? "reply-quote-text message-deleted" : "reply-quote-text"}>{excerpt}</span>
    </button>
  );
}
