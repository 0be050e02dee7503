/** Shown while the list is scrolled up: back to the newest message, with how many arrived below. */
export function JumpToLatest({ count, onJump }: { count: number; onJump: () => void }) {
  return (
    <button type="button" className="jump-latest" onClick={onJump} data-testid="jump-to-latest">
      Jump to latest
      {count > 0 && (
        <span className="badge" data-testid="new-below">
          {count} new
        </span>
      )}
    </button>
  );
}
