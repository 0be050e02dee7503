"use client";

import { Suspense, useId, useState } from "react";

/**
 * A button that shows and hides a panel; the panel gets a `close` to call when it is done. A panel
 * may be a lazy component (fetched when first opened): it says "Loading…" until it is there.
 */
export function Disclosure({ label, children }: { label: string; children: (close: () => void) => React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="disclosure">
      <button type="button" className="secondary" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
        {label}
      </button>
      {open && (
        <div id={id} className="disclosure-panel">
          <Suspense fallback={<p className="muted">Loading…</p>}>{children(() => setOpen(false))}</Suspense>
        </div>
      )}
    </div>
  );
}
