/** A round button showing one 16×16 icon path; its name is `label` (the icon is decoration). */
export function IconButton({ label, className, icon, onClick }: { label: string; className: string; icon: string; onClick: () => void }) {
  return (
    <button type="button" className={className} aria-label={label} onClick={onClick}>
      <svg viewBox="0 0 16 16" width="18" height="18" aria-hidden="true" focusable="false">
        <path fill="currentColor" d={icon} />
      </svg>
    </button>
  );
}
