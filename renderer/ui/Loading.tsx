/** While a query runs (a few milliseconds usually, longer on a large database). */
export function Loading({ what = 'Chargement' }: { what?: string }) {
  return (
    <p aria-busy="true" role="status">
      {what}…
    </p>
  );
}
