import type { Author } from "@/lib/shared/protocol";

interface Props {
  open: boolean;
  options: Author[];
  active: number;
  listId: string;
  pick: (user: Author) => void;
}

/** The listbox of `@` completions; the text field keeps the focus (aria-activedescendant). */
export function MentionPopup({ open, options, active, listId, pick }: Props) {
  return (
    <ul id={listId} role="listbox" aria-label="Mention someone" className="mention-popup" hidden={!open}>
      {open &&
        options.map((user, i) => (
          <li
            key={user.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? "mention-option active" : "mention-option"}
            // Before the field's blur: the pick must not lose the caret.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(user);
            }}
          >
            {user.name} <span className="muted">@{user.username}</span>
          </li>
        ))}
    </ul>
  );
}
