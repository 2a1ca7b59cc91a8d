import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { demo, uniqueIp } from './support/accounts';
import { AdminSettingsPage, settingsText } from './support/admin-settings-page';
import { expect, test } from './support/fixtures';
import { LoginPage } from './support/login-page';
import { zh as messages } from './support/messages';
import { PasswordPage } from './support/password-page';
import { signIn } from './support/session';

// The password and session policy as the security administrator sets it on
// /admin/settings (登录与安全) and as people then meet it: the rules when
// changing one's own password, the administrators' address ranges at sign-in.

type Catalog = {
  errors: { fields: Record<'password_too_few_classes' | 'password_common', string> };
  login: Record<'address_not_allowed', string>;
  account: Record<'passwordRuleClasses' | 'passwordRuleCommon', string>;
};
const zh = JSON.parse(readFileSync(fileURLToPath(new URL('../../lib/i18n/messages/zh-CN.json', import.meta.url)), 'utf8')) as Catalog;
const t = settingsText.zh;

test("a policy set on the settings page refuses a weak password with its rule's message", async ({ page, newClient, createAccount }) => {
  await signIn(page.context(), demo.admin);
  const settings = new AdminSettingsPage(page);
  await settings.goto();
  try {
    await settings.field('security', 'passwordClasses').selectOption('3');
    await settings.form('security').getByRole('checkbox', { name: t.security.passwordRefuseCommon }).check();
    await settings.save('security');
    await settings.expectSaved('security');
    await expect(settings.field('security', 'passwordClasses')).toHaveValue('3');

    const account = await createAccount();
    const owner = await newClient();
    await signIn(owner, account);
    const ownerPage = await owner.newPage();
    await ownerPage.goto('/account/password');
    // The rules in force are listed before anything is typed.
    const rules = ownerPage.getByTestId('password-rules');
    await expect(rules).toContainText(zh.account.passwordRuleClasses.replace('{classes}', '3'));
    await expect(rules).toContainText(zh.account.passwordRuleCommon);

    const form = new PasswordPage(ownerPage);
    await form.change(account.password, 'abcdefghijkl');
    await expect(form.fieldError('newPassword')).toHaveText(zh.errors.fields.password_too_few_classes.replace('{classes}', '3'));
    await form.change(account.password, 'Admin@123456');
    await expect(form.fieldError('newPassword')).toHaveText(zh.errors.fields.password_common);
    await form.change(account.password, 'Xinmima-2026-qianjiang');
    await form.expectChanged();
  } finally {
    await settings.goto();
    await settings.field('security', 'passwordClasses').selectOption('0');
    await settings.form('security').getByRole('checkbox', { name: t.security.passwordRefuseCommon }).uncheck();
    await settings.save('security');
    await settings.expectSaved('security');
  }
});

test("administrators sign in only from the listed ranges; saving a list without one's own address is refused", async ({ page, clientIp, newClient, createAccount }) => {
  await signIn(page.context(), demo.admin);
  const settings = new AdminSettingsPage(page);
  await settings.goto();
  const networks = settings.field('security', 'adminNetworks');
  try {
    // The list must hold the address the saving administrator is at.
    await networks.fill('10.77.0.0/16');
    await settings.save('security');
    await expect(settings.fieldError('security', 'adminNetworks')).toHaveText(t.errors.networks_exclude_self!.replace('{address}', clientIp));
    await expect(networks).toHaveValue('10.77.0.0/16');
    await networks.fill('10.77.0.0/16\n10.77.1.300/32');
    await settings.save('security');
    await expect(settings.fieldError('security', 'adminNetworks')).toHaveText(t.errors.network_invalid!.replace('{entry}', '10.77.1.300/32'));

    await networks.fill(`10.77.0.0/16\n${clientIp}/32`);
    await settings.save('security');
    await settings.expectSaved('security');

    const admin = await createAccount({ role: 'admin' });
    const editor = await createAccount({ role: 'editor' });
    const outside = await (await newClient({ extraHTTPHeaders: { 'X-Forwarded-For': uniqueIp() } })).newPage();
    const login = new LoginPage(outside);
    await login.goto();
    // A wrong password says nothing more than it ever did.
    await login.signIn(admin.username, 'not-the-password');
    await login.expectRefused(messages.login.invalid);
    await login.signIn(admin.username, admin.password);
    await login.expectRefused(zh.login.address_not_allowed);
    // Editors are not affected.
    await login.signIn(editor.username, editor.password);
    await expect(outside).toHaveURL(/\/review/);

    const inside = await (await newClient({ extraHTTPHeaders: { 'X-Forwarded-For': '10.77.3.4' } })).newPage();
    const insideLogin = new LoginPage(inside);
    await insideLogin.goto();
    await insideLogin.signIn(admin.username, admin.password);
    await expect(inside).toHaveURL(/\/admin\//);
  } finally {
    await settings.goto();
    await settings.field('security', 'adminNetworks').fill('');
    await settings.save('security');
    await settings.expectSaved('security');
  }
});
