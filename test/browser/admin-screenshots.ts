/**
 * Screenshots of the issue-14 screens (run by hand: `npx tsx test/browser/admin-screenshots.ts`;
 * PNGs go to test-results/admin-*-{1440,1024}.png): accounts with a token just issued, zones
 * with a refused file's problems, one zone's edit form and versions, and an incident just
 * verified, each at 1440×900 and 1024×768.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { insertFixtureIncidents } from '../support/zones.ts';
import { launchChromium, RESULTS, startScreenshotServer } from './support.ts';

const { server, admin, close } = await startScreenshotServer('admin');
try {
  mkdirSync(RESULTS, { recursive: true });
  await insertFixtureIncidents(server.database.db, [
    {
      id: 'inc-shot-fom',
      category: 'fom_restriction',
      state: 'corroborated',
      position: [37.6, 48.6],
      start: new Date('2026-11-25T09:30:00Z'),
      explanation: ['a patrol was stopped at a checkpoint (illustrative)'],
    },
  ]);
  const browser = await launchChromium();
  const base = `${server.url}/`;
  const user = { username: 'fra.analyst', password: 'a long enough password' };
  const setup = await browser.newContext();
  const login = await setup.request.post(`${base}api/auth/login`, { data: admin });
  const csrf = (await login.json()).csrfToken as string;
  await setup.request.post(`${base}api/users`, {
    data: { ...user, displayName: 'Camille Durand', nation: 'FRA', roles: ['analyst', 'cell_staff'] },
    headers: { 'x-csrf-token': csrf },
  });
  await setup.close();

  const file = {
    type: 'FeatureCollection',
    features: ['Kupiansk', 'Izium', 'Bakhmut', 'Checkpoint'].map((name, i) => ({
      type: 'Feature',
      properties: { NAME_EN: `${name} district`, CODE: `UA-T${i}` },
      geometry:
        i === 3
          ? { type: 'Point', coordinates: [37.5, 48.6] }
          : {
              type: 'Polygon',
              coordinates: [
                [
                  [37 + i * 0.2, 48.5],
                  [37.1 + i * 0.2, 48.5],
                  [37.1 + i * 0.2, 48.6],
                  [37 + i * 0.2, 48.5],
                ],
              ],
            },
    })),
  };

  for (const [width, height] of [
    [1440, 900],
    [1024, 768],
  ] as const) {
    const shot = (page: import('playwright-core').Page, name: string) =>
      page.screenshot({ path: join(RESULTS, `admin-${name}-${width}.png`), fullPage: true });
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    const signIn = async (u: { username: string; password: string }) => {
      await page.goto(base);
      await page.fill('input[name=username]', u.username);
      await page.fill('input[name=password]', u.password);
      await page.click('button[type=submit]');
      await page.waitForSelector('[data-testid=who]');
    };
    await signIn(admin);
    await page.goto(`${base}#/accounts`);
    await page.getByRole('button', { name: 'Add a user…' }).click();
    await page.getByRole('button', { name: 'Check and add…' }).click();
    await page.waitForSelector('[data-testid=form-problems]');
    await shot(page, 'accounts-add-user');
    await page.getByRole('button', { name: 'Issue an API token…' }).click();
    await page.selectOption('select[name=tokenUser]', user.username);
    await page.fill('input[name=tokenName]', `camera-${width}`);
    await page.getByRole('button', { name: 'Check and issue…' }).click();
    await page.getByRole('button', { name: `Issue "camera-${width}"` }).click();
    await page.waitForSelector('[data-testid=issued-token]');
    await shot(page, 'accounts-token');
    await page.getByRole('button', { name: 'Log out' }).click();

    await signIn(user);
    await page.goto(`${base}#/zones`);
    await page.setInputFiles('input[name=zoneFile]', {
      name: 'districts.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    await page.waitForSelector('[data-testid=file-read]');
    await page.getByRole('button', { name: 'Check and import…' }).click();
    await page.getByRole('button', { name: 'Import the file' }).click();
    await page.waitForSelector('[data-testid=import-problems]');
    await shot(page, 'zones-problems');
    await page.goto(`${base}#/zones/sector-donetsk-south`);
    await page.waitForSelector('[data-testid=zone-page]');
    await shot(page, 'zone');
    await page.goto(`${base}#/incidents/inc-shot-fom`);
    await page.waitForSelector('[data-testid=incident-title]');
    if (width === 1440) {
      await page.getByRole('button', { name: 'Verify…' }).click();
      await page.getByRole('button', { name: 'Check…' }).click();
      await page.getByRole('button', { name: 'Verify the incident' }).click();
      await page.waitForSelector('[data-testid=outcome]');
    }
    await page.waitForSelector('[data-testid=audit-trail] table, [data-testid=audit-trail] p.muted');
    await shot(page, 'incident');
    await context.close();
  }
  await browser.close();
  console.log(`screenshots in ${RESULTS}/admin-*.png`);
} finally {
  await close();
}
