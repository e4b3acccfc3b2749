import type { HubProperties, Hubs } from '@guarantor/core/api';
import { type Map as MapLibreMap, Marker, Popup } from 'maplibre-gl';
import ms from 'milsymbol';
import { useMemo } from 'react';
import { i18n } from '../i18n/index.ts';
import { localPlaceName } from '../i18n/places.ts';
import { nationName } from '../labels.ts';
import { element } from '../map/dom.ts';

/** A milsymbol symbol for a hub's SIDC; an unknown SIDC draws milsymbol's own "invalid" frame. */
function symbolFor(sidc: string, size: number) {
  return new ms.Symbol(sidc, { size, standard: 'APP6' });
}

/** The symbol as inline SVG, for lists and legends. */
export function HubSymbol({ sidc, size }: { readonly sidc: string; readonly size: number }) {
  const svg = useMemo(() => symbolFor(sidc, size).asSVG(), [sidc, size]);
  // milsymbol builds the SVG from its own drawing instructions; the SIDC only selects them.
  // biome-ignore lint/security/noDangerouslySetInnerHtml: trusted library output, no user text in it
  return <span className="hub-symbol" aria-hidden="true" dangerouslySetInnerHTML={{ __html: svg }} />;
}

/** A hub's kind in words: "staging" → "staging area". */
export function hubKindName(kind: string): string {
  return i18n.t(`logistics:hub.kind.${kind}` as 'logistics:hub.kind.staging', { defaultValue: kind });
}

function hubPopup(hub: HubProperties): HTMLElement {
  const root = element('div', 'popup');
  root.append(
    element('div', 'popup-title', localPlaceName(hub.name)),
    element('div', 'popup-sub', `${hubKindName(hub.kind)} · ${hub.sidc}`),
  );
  const nations = element('div', 'popup-row');
  nations.append(
    element('span', 'popup-key', `${i18n.t('logistics:hub.nations')} `),
    element('span', '', hub.nations.map(nationName).join(', ')),
  );
  root.append(nations);
  if (hub.description) root.append(element('div', 'popup-text', hub.description));
  root.append(element('div', 'releasability', hub.releasability));
  return root;
}

/** One MapLibre Marker per hub, drawn with its APP-6 symbol and titled with its name. */
export function addHubMarkers(map: MapLibreMap, hubs: Hubs): Marker[] {
  return hubs.features.map((feature) => {
    const hub = feature.properties;
    const symbol = symbolFor(hub.sidc, 28);
    const anchor = symbol.getAnchor();
    const node = element('div', 'hub-marker');
    const name = localPlaceName(hub.name);
    node.title = name;
    node.setAttribute('role', 'img');
    node.setAttribute('aria-label', i18n.t('logistics:hub.label', { name }));
    node.dataset['hubId'] = hub.id;
    node.innerHTML = symbol.asSVG();
    // The symbol's anchor is the centre of its frame, not of the SVG (modifiers shift it).
    return new Marker({ element: node, anchor: 'top-left', offset: [-anchor.x, -anchor.y] })
      .setLngLat(feature.geometry.coordinates as [number, number])
      .setPopup(new Popup({ offset: 18, maxWidth: '300px' }).setDOMContent(hubPopup(hub)))
      .addTo(map);
  });
}
