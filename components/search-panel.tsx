import { SearchResult } from "@/components/search-result";
import type { MessageSearch } from "@/lib/browser/search/use-message-search";
import { searchErrorText } from "@/lib/browser/search/search-state";
import type { SearchResult as Result } from "@/lib/shared/protocol";

interface Props {
  search: MessageSearch;
  connected: boolean;
  listId: string;
  active: number;
  choose: (result: Result) => void;
}

/** What the search box shows below it: a hint, the state of the search, the results and "More results". */
export function SearchPanel({ search, connected, listId, active, choose }: Props) {
  const { results, parsed, answered, error, more, nextCursor, empty } = search;
  const shown = !empty && results.length > 0;
  return (
    <div className="search-panel" id={`${listId}-panel`}>
      <p className="search-status" role="status" data-testid="search-status">
        {statusText(search, connected)}
      </p>
      {error && connected && (
        <button type="button" className="secondary" onClick={search.retry}>
          Try again
        </button>
      )}
      {empty && <SearchHint />}
      <ul id={listId} role="listbox" aria-label="Search results" className="search-results" hidden={!shown} aria-busy={!answered || more !== null}>
        {shown &&
          results.map((result, i) => (
            <SearchResult key={result.message.id} result={result} query={parsed} id={`${listId}-${i}`} active={i === active} choose={choose} />
          ))}
      </ul>
      {shown && answered && nextCursor !== null && connected && (
        <button type="button" className="secondary search-more" onClick={search.loadMore} disabled={more !== null}>
          {more !== null ? "Loading more…" : "More results"}
        </button>
      )}
    </div>
  );
}

function statusText(search: MessageSearch, connected: boolean): string {
  const { empty, answered, error, results, nextCursor, query } = search;
  if (!connected) return empty ? "Search needs a connection." : "Search needs a connection. It searches again once you are back online.";
  if (empty) return "";
  if (error) return searchErrorText(error);
  if (!answered) return "Searching…";
  if (results.length === 0) return `No messages match “${query.trim()}”.`;
  const count = `${results.length} ${results.length === 1 ? "result" : "results"}`;
  return nextCursor === null ? count : `${count}, more below`;
}

function SearchHint() {
  return (
    <div className="search-hint">
      <p>Type words to find messages; all of them must match.</p>
      <ul>
        <li>
          <code>&quot;exact phrase&quot;</code>, <code>-word</code> to leave out
        </li>
        <li>
          <code>from:@alice</code>, <code>in:#room</code>
        </li>
        <li>
          <code>before:2026-12-01</code>, <code>after:2026-11-01</code>
        </li>
        <li>
          <code>has:link</code>, <code>has:mention</code>
        </li>
      </ul>
    </div>
  );
}
