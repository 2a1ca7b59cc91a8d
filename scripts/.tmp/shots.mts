import { chromium } from '@playwright/test';
const base = 'http://localhost:3200';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
async function session(locale: string, width: number, height = 900) {
  const context = await browser.newContext({ baseURL: base, viewport: { width, height } });
  if (locale === 'en') await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: base }]);
  const page = await context.newPage();
  await page.goto('/login');
  await page.locator('input[name=username]').fill('admin');
  await page.locator('input[name=password]').fill('tougao-demo-2026');
  await page.locator('input[name=password]').press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}
const zh = await session('zh', 1366);
await zh.goto('/admin/security');
await zh.screenshot({ path: '/tmp/shot-security-zh.png', fullPage: true });
await zh.goto('/admin/audit');
const verify = zh.getByRole('button', { name: /校验/ }).first();
if (await verify.count()) { await verify.click(); await zh.waitForTimeout(2500); }
await zh.screenshot({ path: '/tmp/shot-audit-zh.png', fullPage: true });
await zh.goto('/admin/settings#security');
await zh.locator('#security').scrollIntoViewIfNeeded();
await zh.screenshot({ path: '/tmp/shot-settings-zh.png', fullPage: true });
const en = await session('en', 1366);
await en.goto('/admin/security');
await en.screenshot({ path: '/tmp/shot-security-en.png', fullPage: true });
const phone = await session('zh', 390, 844);
await phone.goto('/admin/security');
await phone.screenshot({ path: '/tmp/shot-security-phone.png', fullPage: true });
const sw = await phone.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
console.log('phone scrollWidth', sw);
await browser.close();
