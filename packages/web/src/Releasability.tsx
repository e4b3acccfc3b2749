import { useTranslation } from 'react-i18next';

/** A releasability label, coloured by how far it lets a record travel. The marking itself is never translated. */
export function Releasability({ label }: { readonly label: string }) {
  const { t } = useTranslation('common');
  const kind = label.startsWith('NATIONAL')
    ? 'national'
    : label.startsWith('REL TO')
      ? 'rel'
      : label === 'PUBLIC'
        ? 'public'
        : 'coalition';
  return (
    <span className={`releasability releasability-${kind}`} title={t('releasability.title')}>
      {label}
    </span>
  );
}
