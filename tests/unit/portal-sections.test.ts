import { describe, expect, test } from 'vitest';
import { isPortalPath, isSignedInPath, navSectionsFor } from '@/lib/portal-sections';

describe('the portal sections', () => {
  test.each(['/desk', '/desk/12', '/review', '/admin/users', '/account/password', '/portal', '/notifications', '/stats', '/stats/export', '/stats/report/3'])('%s needs a session and is never framed', (path) => {
    expect(isSignedInPath(path)).toBe(true);
    expect(isPortalPath(path)).toBe(true);
  });

  test('the sign-in page is private but open to anyone', () => {
    expect(isSignedInPath('/login')).toBe(false);
    expect(isPortalPath('/login')).toBe(true);
  });

  test.each(['/', '/articles/12', '/columns/news', '/en/articles/12', '/search', '/rss.xml', '/statistics', '/desktop', '/api/health'])('%s is public', (path) => {
    expect(isSignedInPath(path)).toBe(false);
    expect(isPortalPath(path)).toBe(false);
  });

  test('each role is offered the sections it may open', () => {
    const labels = (role: 'correspondent' | 'editor' | 'admin') => navSectionsFor({ role }).map((s) => s.label);
    expect(labels('correspondent')).toEqual(['desk', 'newStory']);
    expect(labels('editor')).toEqual(['review', 'stats']);
    expect(labels('admin')).toEqual(['review', 'users', 'units', 'columns', 'workflows', 'settings', 'words', 'security', 'audit', 'stats']);
  });
});
