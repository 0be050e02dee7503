import { typingText } from "@/lib/client/typing-state";
import type { Author } from "@/lib/protocol";

/** Always present (an empty live region), so screen readers announce who starts typing. */
export function TypingIndicator({ users }: { users: Author[] }) {
  return (
    <p className="typing" data-testid="typing" aria-live="polite">
      {typingText(users) ?? ""}
    </p>
  );
}
