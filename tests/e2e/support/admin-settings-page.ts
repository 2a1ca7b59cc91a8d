import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page } from '@playwright/test';

// /admin/settings as the administrator uses it: one form per settings group.

type Group = 'site' | 'footer' | 'uploads' | 'smtp' | 'security' | 'privacy' | 'review';

type SettingsCatalog = Record<Group, Record<string, string>> & { save: string; saved: string; unchanged: string; title: string; errors: Record<string, string> };

function load(locale: 'zh-CN' | 'en'): SettingsCatalog {
  const file = fileURLToPath(new URL(`../../../lib/i18n/messages/${locale}.json`, import.meta.url));
  return (JSON.parse(readFileSync(file, 'utf8')) as { admin: { settings: SettingsCatalog } }).admin.settings;
}

export const settingsText = { zh: load('zh-CN'), en: load('en') };

export class AdminSettingsPage {
  constructor(
    readonly page: Page,
    readonly t: SettingsCatalog = settingsText.zh,
  ) {}

  async goto(): Promise<void> {
    await this.page.goto('/admin/settings');
    await expect(this.page.getByRole('heading', { level: 1, name: this.t.title })).toBeVisible();
  }

  form(group: Group): Locator {
    return this.page.getByTestId(`settings-${group}-form`);
  }

  field(group: Group, name: string): Locator {
    return this.form(group).getByLabel(this.t[group][name]!, { exact: true });
  }

  // A box's label holds its hint too: matched by the label's start.
  checkbox(group: Group, name: string): Locator {
    return this.form(group).getByRole('checkbox', { name: this.t[group][name]! });
  }

  async save(group: Group): Promise<void> {
    await this.form(group).getByRole('button', { name: this.t.save, exact: true }).click();
  }

  async expectSaved(group: Group): Promise<void> {
    await expect(this.form(group).getByRole('status')).toHaveText(this.t.saved);
  }

  // The inline message under a field.
  fieldError(group: Group, name: string): Locator {
    return this.form(group).locator(`#${name}-error`);
  }
}
