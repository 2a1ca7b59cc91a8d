import { expect, type Locator, type Page } from '@playwright/test';
import { zh, type Messages } from './messages';

// The login page. Its language switch is a submit button of another form, so
// everything here is scoped to the form that holds the password field.
export class LoginPage {
  readonly form: Locator;
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(
    readonly page: Page,
    readonly t: Messages = zh,
  ) {
    this.form = page.locator('form').filter({ has: page.locator('input[type="password"]') });
    this.username = this.form.getByLabel(t.login.username, { exact: true });
    this.password = this.form.getByLabel(t.login.password, { exact: true });
    this.submit = this.form.getByRole('button', { name: t.login.submit, exact: true });
    this.error = this.form.getByRole('alert');
  }

  // The second step, for an account with two-factor sign-in.
  get codeStep(): Locator {
    return this.page.getByTestId('login-code-step');
  }

  // Fills the code step (an app code, or a recovery code after switching to
  // it) and waits until the server has answered.
  async enterCode(code: string, options: { recovery?: boolean } = {}): Promise<void> {
    await expect(this.codeStep).toBeVisible();
    if (options.recovery) await this.codeStep.getByRole('button', { name: this.t.login.useRecoveryCode }).click();
    await this.codeStep.getByLabel(options.recovery ? this.t.login.recoveryCode : this.t.login.code, { exact: true }).fill(code);
    const answered = this.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login');
    await this.codeStep.getByRole('button', { name: this.t.login.verify, exact: true }).click();
    await answered;
  }

  async goto(): Promise<void> {
    await this.page.goto('/login');
    await this.expectShown();
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL(/\/login(\?|$)/);
    await expect(this.page.getByRole('heading', { level: 1, name: this.t.login.title })).toBeVisible();
  }

  // Fills and sends the form, and waits until the server has answered.
  async signIn(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    const answered = this.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login');
    await this.submit.click();
    await answered;
  }

  // A refused attempt: still on the login page, with this message. The
  // button is enabled again once the answer has been rendered, so an
  // identical message from the previous attempt cannot pass for this one.
  async expectRefused(message: string): Promise<void> {
    await expect(this.submit).toBeEnabled();
    await expect(this.error).toHaveText(message);
    await expect(this.page).toHaveURL(/\/login(\?|$)/);
  }
}
