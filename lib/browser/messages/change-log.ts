/**
 * Which rooms events have changed, in order: an answer to a request is weighed against what
 * happened since the request left (`mark()` when sending, `since(mark)` on the answer).
 */
export function createChangeLog() {
  let count = 0;
  const at = new Map<string, number>();
  return {
    note(slug: string): void {
      at.set(slug, ++count);
    },
    mark: () => count,
    since: (mark: number) => [...at].filter(([, n]) => n > mark).map(([slug]) => slug),
  };
}
