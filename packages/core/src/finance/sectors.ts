/**
 * OECD DAC sector names in words (the 3-digit categories of the DAC 5-digit codes IATI uses,
 * SectorVocabulary 1 and 2), so pages and exports name a sector, not its code.
 */

/** DAC 3-digit sector categories (OECD DAC CRS purpose codes). */
export const DAC_CATEGORY_NAMES: Readonly<Record<string, string>> = {
  '111': 'Education, level unspecified',
  '112': 'Basic education',
  '113': 'Secondary education',
  '114': 'Post-secondary education',
  '121': 'Health, general',
  '122': 'Basic health',
  '123': 'Non-communicable diseases',
  '130': 'Population policies and reproductive health',
  '140': 'Water supply and sanitation',
  '151': 'Government and civil society',
  '152': 'Conflict, peace and security',
  '160': 'Other social infrastructure and services',
  '210': 'Transport and storage',
  '220': 'Communications',
  '230': 'Energy',
  '231': 'Energy policy',
  '232': 'Energy generation, renewable sources',
  '233': 'Energy generation, non-renewable sources',
  '234': 'Hybrid energy plants',
  '235': 'Nuclear energy plants',
  '236': 'Energy distribution',
  '240': 'Banking and financial services',
  '250': 'Business and other services',
  '311': 'Agriculture',
  '312': 'Forestry',
  '313': 'Fishing',
  '321': 'Industry',
  '322': 'Mineral resources and mining',
  '323': 'Construction',
  '331': 'Trade policies and regulations',
  '332': 'Tourism',
  '410': 'General environment protection',
  '430': 'Other multisector',
  '510': 'General budget support',
  '520': 'Development food assistance',
  '530': 'Other commodity assistance',
  '600': 'Action relating to debt',
  '720': 'Emergency response',
  '730': 'Reconstruction relief and rehabilitation',
  '740': 'Disaster prevention and preparedness',
  '910': 'Administrative costs of donors',
  '930': 'Refugees in donor countries',
  '998': 'Unallocated, unspecified',
};

/** DAC 5-digit codes the pages name on their own (the rest take their category's name). */
const DAC_CODE_NAMES: Readonly<Record<string, string>> = {
  '15250': 'Removal of land mines and explosive remnants of war',
  '16030': 'Housing policy and administrative management',
  '16040': 'Low-cost housing',
  '73010': 'Immediate post-emergency reconstruction and rehabilitation',
};

/** A DAC sector code (3 or 5 digits) in words, e.g. `21020` → `Transport and storage (21020)`. */
export function dacSectorName(code: string): string {
  const own = DAC_CODE_NAMES[code];
  if (own) return own;
  const category = DAC_CATEGORY_NAMES[code.slice(0, 3)];
  if (!category) return `DAC sector ${code}`;
  return code.length === 3 ? category : `${category} (${code})`;
}
