import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;
type Violation = AxeResults['violations'][number];

// Every rule axe-core runs by default: WCAG 2.0, 2.1 and 2.2 at levels A and
// AA, and its best practices (landmarks, one h1, headings in order, …). A
// finding of any impact fails the page: minor ones pile up unseen otherwise.
// Left out: the AAA rules (axe leaves them off too) and the experimental ones,
// which axe itself does not yet consider reliable. Nothing else is disabled.
function axe(page: Page): AxeBuilder {
  return new AxeBuilder({ page });
}

// One line per rule, then each element it found: enough to fix it from the
// failure message alone.
export function describeViolations(violations: Violation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    at ${n.target.join(' ')}\n      ${n.html}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`);
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes.join('\n')}`;
    })
    .join('\n');
}

// Runs axe-core on the page as it is now and fails on any violation.
export async function expectNoViolations(page: Page, label: string, options: { soft?: boolean } = {}): Promise<void> {
  const { violations } = await axe(page).analyze();
  const check = options.soft ? expect.soft : expect;
  check(violations, `axe on ${label} (${page.url()}) found violations:\n${describeViolations(violations)}`).toEqual([]);
}
