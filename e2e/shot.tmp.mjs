import { chromium } from '@playwright/test';
const [url, out, sel, w, h] = process.argv.slice(2);
const b = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const p = await b.newPage({ viewport: { width: Number(w ?? 1600), height: Number(h ?? 1000) } });
await p.goto(url);
await p.waitForTimeout(2500);
if (sel) await p.locator(sel).first().screenshot({ path: out });
else await p.screenshot({ path: out, fullPage: true });
await b.close();
