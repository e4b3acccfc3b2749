/** The uk resources, one chunk loaded on demand (see ../../index.ts). */
import access from './access.json';
import cellwork from './cellwork.json';
import coalition from './coalition.json';
import common from './common.json';
import finance from './finance.json';
import logistics from './logistics.json';
import map from './map.json';
import monitoring from './monitoring.json';
import phases from './phases.json';
import planning from './planning.json';
import territory from './territory.json';
import zones from './zones.json';

export const resources = {
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

/** Place names in Ukrainian, from the reference data (vite.config.ts). */
export { places, regions } from 'virtual:ukrainian-names';
