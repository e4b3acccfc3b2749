/**
 * The Finance page, empty and then with the Kiel tracker, the ECB rates and the RDNA needs
 * imported, and the IATI import form refusing an over-commitment and then taking it with a
 * reason (run by hand: `npx tsx test/browser/finance-screenshots.ts`; PNGs go to
 * test-results/finance-{empty,summary,needs,records,iati-refused,iati-report,breakdown-records,release-confirm,release-done}.png). The Kiel file is TEST ONLY: it is read
 * from ../shared/data and never copied into the repository; without it the script says so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { insertUser } from '@guarantor/db';
import { hashPassword } from '@guarantor/server';
import { sharedData } from '../support/shared-data.ts';
import { launchChromium, RESULTS, startScreenshotServer } from './support.ts';

const KIEL = sharedData('kiel/ust_data_explorer.csv', 'Finance screenshots with the Kiel tracker');
const ECB = sharedData('finance/ecb_eurofxref_hist.csv', 'Finance screenshots with ECB rates');
const RDNA = sharedData('finance/rdna_needs_by_sector.csv', 'Finance screenshots with RDNA needs');

const { server, close } = await startScreenshotServer('finance');
try {
  const password = 'finance screenshots only';
  await insertUser(
    server.database.db,
    {
      username: 'fra-finance',
      displayName: 'French finance officer',
      passwordHash: await hashPassword(password),
      nation: 'FRA',
      roles: ['finance'],
    },
    { actor: 'screenshots', nation: null, at: new Date() },
  );
  const browser = await launchChromium();
  const base = `${server.url}/`;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const login = await context.request.post(`${base}api/auth/login`, {
    data: { username: 'fra-finance', password },
  });
  const headers = { 'x-csrf-token': (await login.json()).csrfToken as string, 'content-type': 'text/csv' };
  const page = await context.newPage();
  const shot = async (name: string) => {
    await page.waitForLoadState('networkidle');
    await page.waitForFunction("document.body && !document.body.innerText.includes('Loading')");
    await page.screenshot({ path: join(RESULTS, `finance-${name}.png`), fullPage: false });
    console.log(`finance-${name}.png`);
  };
  await page.goto(`${base}#/finance`);
  await shot('empty');
  for (const [file, url] of [
    [KIEL, 'api/finance/import/kiel?source=kiel-r29&document=Ukraine%20Support%20Tracker%2C%20Release%2029'],
    [ECB, 'api/finance/import/rates'],
    [RDNA, 'api/finance/import/needs?source=rdna&releasability=PUBLIC'],
  ] as const) {
    if (file.skip) continue;
    const res = await context.request.post(`${base}${url}`, { data: readFileSync(file.path), headers });
    console.log(url.split('?')[0], res.status(), (await res.text()).slice(0, 200));
  }
  await page.reload();
  await shot('summary');
  await page.getByRole('heading', { name: 'Needs coverage' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(RESULTS, 'finance-needs.png') });
  console.log('finance-needs.png');
  await page.evaluate('window.scrollTo(0, 0)');
  await page
    .getByRole('button', { name: /records/ })
    .first()
    .click();
  await page.waitForSelector('[data-testid=finance-flows]');
  await shot('records');
  // The IATI form: an over-commitment first (the page asks for the reason), then the report.
  const fixture = new URL('../fixtures/iati/ukraine-reconstruction.xml', import.meta.url).pathname;
  const over = readFileSync(fixture, 'utf8').replace('>4000000.50<', '>11000000.00<');
  const form = page.locator('form.finance-import');
  await form.scrollIntoViewIfNeeded();
  await form
    .locator('input[type=file]')
    .setInputFiles({ name: 'example-fund.xml', mimeType: 'application/xml', buffer: Buffer.from(over) });
  await form.getByRole('button', { name: 'Import' }).click();
  await form.getByRole('button', { name: 'Confirm import' }).click();
  await page.waitForSelector('[data-testid=iati-outcome]');
  await form.screenshot({ path: join(RESULTS, 'finance-iati-refused.png') });
  console.log('finance-iati-refused.png');
  await form.getByLabel(/Why disbursements exceed/).fill('a top-up agreed in May');
  await form.getByRole('button', { name: 'Import' }).click();
  await form.getByRole('button', { name: 'Confirm import' }).click();
  await form
    .getByText(/^Stored /)
    .waitFor({ timeout: 10_000 })
    .catch(() => console.log('the import with a reason did not report Stored'));
  await form.screenshot({ path: join(RESULTS, 'finance-iati-report.png') });
  console.log('finance-iati-report.png');
  // The breakdown by sector, its first row opened onto its records and the imports behind them.
  await page.reload();
  await page.selectOption('[data-testid=breakdown-by]', 'sector');
  const breakdown = page.locator('[data-testid=finance-breakdown]');
  // The last row: a DAC sector of the IATI file, a few records (the first holds the tracker's thousands).
  await breakdown.locator('button[aria-expanded=false]').last().click();
  await breakdown.locator('[data-testid=finance-flows]').waitFor();
  await breakdown.locator('[data-testid=audit-trail] li, [data-testid=audit-trail] .muted').first().waitFor();
  await breakdown.locator('button[aria-expanded=true]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(RESULTS, 'finance-breakdown-records.png') });
  console.log('finance-breakdown-records.png');
  // A pledge kept NATIONAL FRA, announced to the public by France from the sources table.
  const pledge = await context.request.post(
    `${base}api/finance/import/kiel?source=unannounced&document=French%20pledge%20(not%20yet%20announced)&releasability=NATIONAL%20FRA`,
    {
      data: 'country,iso,year,month,total,financial,humanitarian,military,commitments,to_be_allocated\n"Qatar","QAT",2026,3,0.25,0.25,0,0,1,0.75\n',
      headers,
    },
  );
  console.log('NATIONAL FRA pledge', pledge.status());
  await page.reload();
  const sources = page.locator('[data-testid=finance-sources]');
  const row = sources.locator('tr[data-source="unannounced@FRA"]');
  await row.getByRole('button').click();
  await sources.locator('select').selectOption('PUBLIC');
  await sources.getByRole('button', { name: 'Review the release' }).click();
  await sources.scrollIntoViewIfNeeded();
  await sources.screenshot({ path: join(RESULTS, 'finance-release-confirm.png') });
  console.log('finance-release-confirm.png');
  await sources.getByRole('button', { name: 'Confirm the release' }).click();
  await sources.locator('[data-testid=release-outcome]').waitFor();
  await sources.locator('[data-testid=audit-entry]').first().waitFor();
  await sources.screenshot({ path: join(RESULTS, 'finance-release-done.png') });
  console.log('finance-release-done.png');
  await browser.close();
} finally {
  await close();
}
