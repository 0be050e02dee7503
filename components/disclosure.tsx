"use client";

import { useId, useState } from "react";

/** A button that shows and hides a panel; the panel gets a `close` to call when it is done. */
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
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}
