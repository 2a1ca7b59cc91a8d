import { demo } from './support/accounts';
import { AdminSettingsPage, settingsText } from './support/admin-settings-page';
import { expect, test } from './support/fixtures';
import { HomePage } from './support/public-pages';
import { signIn } from './support/session';

// The administrator edits the site's settings, and readers see them.

test('the admin changes the news-extortion hotline and the public footer shows it', async ({ page, newClient }) => {
  await signIn(page.context(), demo.admin);
  const settings = new AdminSettingsPage(page);
  await settings.goto();
  const hotline = settings.field('footer', 'extortionHotline');
  const previous = await hotline.inputValue();
  const changed = `023-6${String(Date.now()).slice(-7)}`;

  try {
    await hotline.fill(changed);
    await settings.save('footer');
    await settings.expectSaved('footer');
    await expect(hotline).toHaveValue(changed);

    // Public pages are cached; the change reaches them through the server's
    // change channel a moment after it commits.
    const reader = await (await newClient()).newPage();
    const home = new HomePage(reader);
    await expect(async () => {
      await home.goto();
      await expect(home.frame.footer).toContainText(changed, { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
  } finally {
    // The public-site spec reads the demo footer.
    await settings.goto();
    await settings.field('footer', 'extortionHotline').fill(previous);
    await settings.save('footer');
    await settings.expectSaved('footer');
  }
});

test('a bad value is explained beside its field, and everything typed stays', async ({ page }) => {
  await signIn(page.context(), demo.admin);
  const settings = new AdminSettingsPage(page);
  await settings.goto();
  const name = settings.field('site', 'name');
  const savedName = await name.inputValue();
  const typedName = `${savedName}（试）`;

  await name.fill(typedName);
  await settings.field('site', 'defaultSource').fill('重庆法治报（测试）');
  await settings.field('site', 'baseUrl').fill('www.example.cn');
  await settings.save('site');

  await expect(settings.fieldError('site', 'baseUrl')).toHaveText(settingsText.zh.errors.base_url_format!);
  await expect(settings.field('site', 'baseUrl')).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveValue(typedName);
  await expect(settings.field('site', 'defaultSource')).toHaveValue('重庆法治报（测试）');
  await expect(settings.field('site', 'baseUrl')).toHaveValue('www.example.cn');

  // Nothing of the group was saved.
  await settings.goto();
  await expect(settings.field('site', 'name')).toHaveValue(savedName);

  // In English, the message is in English.
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: page.url() }]);
  const english = new AdminSettingsPage(page, settingsText.en);
  await english.goto();
  await english.field('security', 'sessionIdleMinutes').fill('2');
  await english.save('security');
  await expect(english.fieldError('security', 'sessionIdleMinutes')).toHaveText(settingsText.en.errors.idle_range!);
  await expect(english.field('security', 'sessionIdleMinutes')).toHaveValue('2');
});
