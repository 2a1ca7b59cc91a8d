// Specs and their support files load lib/ (accounts, seeding) in the runner
// and in every worker; each process loads this config first.
import './scripts/server-only-hook.mjs';
import { defineConfig, devices } from '@playwright/test';

// End-to-end tier: the production build in Chromium, one role journey per
// spec. `npm test` (scripts/run-tests.ts) provides E2E_DATABASE_URL, a fresh
// database of its own; without it the app runs on PGlite in E2E_DATA_DIR.

// E2E_PORT when 3100 is taken (another checkout's run on the same machine):
// a server already listening on the port would otherwise be reused.
const PORT = Number(process.env.E2E_PORT || 3100);
const baseURL = `http://localhost:${PORT}`;
const isCI = process.env.CI === 'true';
// The site's public address, as a deployment sets it: every absolute link
// (feeds, sitemaps, canonical) comes from it. Set here for the server and for
// the test processes (a second instance inherits it).
process.env.PUBLIC_BASE_URL = baseURL;

const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// For tests only: a fixed secret so sessions survive a server restart mid-run.
const E2E_AUTH_SECRET = 'e2e-only-secret-never-use-in-production-0000';

const databaseEnv: Record<string, string> = process.env.E2E_DATABASE_URL
  ? { DATABASE_URL: process.env.E2E_DATABASE_URL }
  : { DATABASE_URL: '', DATA_DIR: process.env.E2E_DATA_DIR || './.data-e2e' };

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'tests/.artifacts/e2e-results',
  // Seeds the demo accounts into a PostgreSQL database (the embedded one
  // seeds itself on first start). Runs after the web server is up.
  globalSetup: './tests/e2e/support/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: isCI,
  retries: 0,
  // Generous: the suite shares small CI machines with the build and the database.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // `npm test` adds a JSON reporter on the command line for its summary.
  reporter: [['list']],
  use: {
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    navigationTimeout: 20_000,
    actionTimeout: 15_000,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: chromiumPath,
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    },
  ],
  webServer: {
    command: 'npm run build && npm start',
    url: `${baseURL}/api/health`,
    reuseExistingServer: !isCI,
    // `next build` runs first.
    timeout: 5 * 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      ...databaseEnv,
      PORT: String(PORT),
      PUBLIC_BASE_URL: baseURL,
      AUTH_SECRET: E2E_AUTH_SECRET,
      SECURE_COOKIES: 'false',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      // As behind one trusted proxy: every test presents its own client
      // address (X-Forwarded-For, see tests/e2e/support/fixtures.ts), so the
      // per-address login limit never carries over from one test, or one
      // run, to the next. The limit itself and header spoofing are covered
      // by the unit and integration tiers.
      TRUST_PROXY: '1',
      // The suite's workers start on a cold server whose embedded database
      // holds the event loop while it queries: a lag limit would refuse some
      // of their first pages. Refusing is covered by the unit and integration
      // tiers (load-shedding tests); the in-flight limit stays on.
      SHED_MAX_LAG_MS: '0',
    },
  },
});
