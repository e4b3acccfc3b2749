/** A releasability label, coloured by how far it lets a record travel. */
export function Releasability({ label }: { readonly label: string }) {
  const kind = label.startsWith('NATIONAL')
    ? 'national'
    : label.startsWith('REL TO')
      ? 'rel'
      : label === 'PUBLIC'
        ? 'public'
        : 'coalition';
  return (
    <span className={`releasability releasability-${kind}`} title="Releasability">
      {label}
    </span>
  );
}
