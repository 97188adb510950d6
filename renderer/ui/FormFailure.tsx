import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useEffect, useRef } from 'react';

/**
 * The refusal of a form, above it: brought into view and focused when it appears, so that a user who
 * submitted from the bottom of a long form (or with Enter) sees and hears why nothing was saved.
 */
export function FormFailure({ title, message }: { title?: string; message: string | undefined }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!message || !ref.current) return;
    ref.current.scrollIntoView?.({ block: 'nearest' });
    ref.current.focus({ preventScroll: true });
  }, [message]);
  if (!message) return null;
  return (
    <div ref={ref} tabIndex={-1} className="fr-mb-3w">
      {title ? <Alert severity="error" title={title} description={message} /> : <Alert severity="error" small description={message} />}
    </div>
  );
}
