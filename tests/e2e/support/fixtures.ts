// Fixture bodies name their callback `provide`, not `use`, so React's hook
// lint rule does not mistake them for components.
import { test as base, expect, type BrowserContext, type BrowserContextOptions } from '@playwright/test';
import { closeAccountsDatabase, createAccount, uniqueIp, type Account, type AccountOptions } from './accounts';

type TestFixtures = {
  // The address this test's clients come from (X-Forwarded-For; the e2e
  // server trusts one proxy), so no test trips another's login limits.
  clientIp: string;
  // Makes a throwaway account for this test.
  createAccount: (options?: AccountOptions) => Promise<Account>;
  // A second browser (another person, another device), closed after the test;
  // options as for browser.newContext (a user agent, say).
  newClient: (options?: BrowserContextOptions) => Promise<BrowserContext>;
};

type WorkerFixtures = { accountsDatabase: void };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  clientIp: async ({}, provide) => {
    await provide(uniqueIp());
  },
  extraHTTPHeaders: async ({ clientIp }, provide) => {
    await provide({ 'X-Forwarded-For': clientIp });
  },
  createAccount: async ({ browser, baseURL }, provide) => {
    await provide((options) => createAccount(browser, baseURL!, options));
  },
  newClient: async ({ browser, baseURL, locale, timezoneId }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async (options = {}) => {
      const context = await browser.newContext({
        baseURL,
        locale,
        timezoneId,
        ...options,
        extraHTTPHeaders: { 'X-Forwarded-For': uniqueIp(), ...options.extraHTTPHeaders },
      });
      contexts.push(context);
      return context;
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
  accountsDatabase: [
    async ({}, provide) => {
      await provide();
      await closeAccountsDatabase();
    },
    { scope: 'worker', auto: true },
  ],
});

export { expect };
