import { describe, expect, test } from 'vitest';
import { viewBeaconTarget } from '@/lib/http/view-beacon';

// The server answers the view beacon itself; everything else goes to Next.
describe('which requests are the view beacon', () => {
  test.each([
    ['/api/views/12', 12],
    ['/api/views/12/', 12],
    ['/api/views/12?t=1', 12],
    ['/api/views/2147483647', 2_147_483_647],
  ])('%s counts story %s', (url, id) => {
    expect(viewBeaconTarget(url)).toEqual({ storyId: id });
  });

  test.each(['/api/views/abc', '/api/views/0', '/api/views/2147483648', '/api/views/12345678901', '/api/views/-1', '/api/views/'])('%s names no story', (url) => {
    expect(viewBeaconTarget(url)).toEqual({ storyId: null });
  });

  test.each(['/articles/12', '/api/views', '/api/views/12/more', '/api/viewsx/12', '/x/api/views/12', undefined])('%s is not the beacon', (url) => {
    expect(viewBeaconTarget(url)).toBeNull();
  });
});
