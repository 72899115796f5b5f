// Takes the README's Temporal UI screenshots from a running `npm start`:
//   npx tsx scripts/ui-screenshots.ts [query]
import path from 'node:path';
import { chromium } from 'playwright-core';

async function main() {
  const ui = process.env.TEMPORAL_UI_URL ?? 'http://127.0.0.1:8233';
  const query = process.argv[2] ?? 'Stage = "issued" AND AmountDue > 100000';
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  await page.goto(`${ui}/namespaces/default/workflows?query=${encodeURIComponent(query)}`);
  await page.waitForTimeout(3000);
  await page.screenshot({ path: path.join(__dirname, '..', 'docs', 'temporal-ui-search.png') });
  const first = page.locator('a[href*="/workflows/invoice-"]').first();
  if (await first.count()) {
    await first.click();
    await page.waitForTimeout(3000);
    await page.screenshot({ path: path.join(__dirname, '..', 'docs', 'temporal-ui-invoice.png') });
  }
  await browser.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
