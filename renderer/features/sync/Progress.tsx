import { useId } from 'react';

/**
 * Work under way, said in words and drawn as a bar: with `done` and `total` when the count is known, an
 * indeterminate bar otherwise. Announced politely to screen readers.
 */
export function Progress({ label, done, total }: { label: string; done?: number; total?: number }) {
  const id = useId();
  const counted = total !== undefined && total > 0 && done !== undefined;
  return (
    <div className="fr-mt-2w" role="status" aria-live="polite">
      <label htmlFor={id}>{label}</label>
      {counted ? <progress id={id} className="app-progress" value={Math.min(done, total)} max={total} /> : <progress id={id} className="app-progress" />}
    </div>
  );
}
