import { typingText } from "@/lib/browser/presence/typing-state";
import type { Author } from "@/lib/shared/protocol";

/** Always present (an empty live region), so screen readers announce who starts typing. */
export function TypingIndicator({ users }: { users: Author[] }) {
  return (
    <p className="typing" data-testid="typing" aria-live="polite">
      {typingText(users) ?? ""}
    </p>
  );
}
