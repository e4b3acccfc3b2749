/** English, bundled with the app: the language every other one falls back to. */
import access from './locales/en/access.json';
import cellwork from './locales/en/cellwork.json';
import coalition from './locales/en/coalition.json';
import common from './locales/en/common.json';
import finance from './locales/en/finance.json';
import logistics from './locales/en/logistics.json';
import map from './locales/en/map.json';
import monitoring from './locales/en/monitoring.json';
import phases from './locales/en/phases.json';
import planning from './locales/en/planning.json';
import territory from './locales/en/territory.json';
import zones from './locales/en/zones.json';

export const en = {
  common,
  access,
  coalition,
  planning,
  phases,
  monitoring,
  zones,
  map,
  territory,
  finance,
  cellwork,
  logistics,
};
