import { avatarTone, initials } from "@/lib/browser/ui/avatar";
import type { Author } from "@/lib/shared/protocol";

/** Decorative: the name is always written next to it. */
export function Avatar({ user, size = "normal" }: { user: Pick<Author, "name" | "username">; size?: "normal" | "small" }) {
  return (
    <span className={`avatar avatar-${size} avatar-tone-${avatarTone(user.username)}`} aria-hidden="true">
      {initials(user.name)}
    </span>
  );
}
