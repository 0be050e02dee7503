import { memo } from "react";
import { MessageTime } from "@/components/message-time";
import { markedParts } from "@/lib/browser/search/marked-parts";
import { matchRanges } from "@/lib/shared/search/match-ranges";
import type { SearchResult as Result } from "@/lib/shared/protocol";
import type { SearchQuery } from "@/lib/shared/search/search-query";

interface Props {
  result: Result;
  query: SearchQuery;
  id: string;
  active: boolean;
  choose: (result: Result) => void;
}

/** One search hit, an option of the results listbox: room, author, time and the text with its matches marked. */
export const SearchResult = memo(function SearchResult({ result, query, id, active, choose }: Props) {
  const { message, room } = result;
  // Text nodes only: whatever markup a message holds is shown as the characters it is.
  const parts = markedParts(message.text, matchRanges(message.text, query));
  return (
    <li
      id={id}
      role="option"
      aria-selected={active}
      className={active ? "search-result active" : "search-result"}
      data-testid="search-result"
      data-room={room.slug}
      data-seq={message.seq}
      // Before the box's blur: choosing must not close the panel under the pointer first.
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => choose(result)}
    >
      <span className="search-result-meta">
        <span className="search-result-room">{room.slug.startsWith("dm-") ? room.name : `#${room.name}`}</span>
        {!room.joined && <span className="room-tag">not joined</span>}
        <span className="search-result-author">{message.author.name}</span>
        <MessageTime iso={message.createdAt} />
      </span>
      <span className="search-result-text">{parts.map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : part.text))}</span>
    </li>
  );
});
