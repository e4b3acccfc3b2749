/**
 * Amounts as people read them, from the API's exact decimal text, in the reader's language
 * (Intl, see ../i18n/format.ts): "€64.83bn", "64,83 млрд €", "64,83 Md €". The exact figure is in
 * the title and the CSV.
 */
export { formatMoneyShort as moneyShort, formatPercent as percent } from '../i18n/format.ts';
