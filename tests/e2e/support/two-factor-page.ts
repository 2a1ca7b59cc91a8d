import { expect, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { zh, type Messages } from './messages';

// /account/two-factor as its owner uses it, and the authenticator app: codes
// computed with the same library and parameters as any app would.

export function totpCode(secret: string, atMs = Date.now()): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp: atMs });
}

// A code is good once, and the server takes the step after the current one
// (clock drift): a second code within the same 30 seconds comes from there.
export function nextTotpCode(secret: string): string {
  return totpCode(secret, Date.now() + 30_000);
}

export class TwoFactorPage {
  constructor(
    readonly page: Page,
    readonly t: Messages = zh,
  ) {}

  async open(): Promise<void> {
    await this.page.goto('/account/two-factor');
    await this.expectShown();
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL(/\/account\/two-factor$/);
    await expect(this.page.getByRole('heading', { level: 1, name: this.t.twoFactor.title })).toBeVisible();
  }

  // Sets it up as a person does: start, read the key the QR code carries,
  // type the app's code; returns the key and the recovery codes shown once.
  async enrol(): Promise<{ secret: string; recoveryCodes: string[] }> {
    await this.page.getByRole('button', { name: this.t.twoFactor.setUp, exact: true }).click();
    const key = this.page.getByTestId('two-factor-manual-key');
    await expect(key).toBeVisible();
    await expect(this.page.getByRole('img', { name: this.t.twoFactor.qrAlt }).locator('svg')).toBeVisible();
    const secret = (await key.innerText()).replace(/\s+/g, '');
    const form = this.page.getByTestId('two-factor-confirm');
    await form.getByLabel(this.t.twoFactor.code, { exact: true }).fill(totpCode(secret));
    await form.getByRole('button', { name: this.t.twoFactor.confirm, exact: true }).click();
    const codes = this.page.getByTestId('recovery-code');
    await expect(codes).toHaveCount(10);
    const recoveryCodes = (await codes.allInnerTexts()).map((c) => c.trim());
    return { secret, recoveryCodes };
  }

  async expectStatus(isOn: boolean): Promise<void> {
    await expect(this.page.getByTestId('two-factor-status')).toContainText(isOn ? this.t.twoFactor.statusOn : this.t.twoFactor.statusOff);
  }
}
