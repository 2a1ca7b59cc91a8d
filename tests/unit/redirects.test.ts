import { describe, expect, test } from 'vitest';
import { loginPath, relativizeLocation } from '@/lib/http/redirects';

// Redirects never carry the Host a client sent: they are paths.
describe('redirects', () => {
  test('the sign-in page comes back to a path of ours, never to another site', () => {
    expect(loginPath('/stats/export?format=csv')).toBe('/login?next=%2Fstats%2Fexport%3Fformat%3Dcsv');
    expect(loginPath('//evil.example/x')).toBe('/login');
    expect(loginPath('https://evil.example/')).toBe('/login');
  });

  test('a Location on the origin the request was made to becomes a path', () => {
    const answer = (location: string) => {
      const headers = new Headers({ Location: location });
      headers.append('Set-Cookie', 'a=1');
      headers.append('Set-Cookie', 'b=2');
      return new Response(null, { status: 302, headers });
    };
    const relative = relativizeLocation(answer('http://attacker.example.net/login?error=CredentialsSignin#x'), 'http://attacker.example.net');
    expect(relative.status).toBe(302);
    expect(relative.headers.get('location')).toBe('/login?error=CredentialsSignin#x');
    // Every cookie Auth.js set still goes out.
    expect(relative.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    // Another site (an OAuth provider, say) is left as it is; so is an answer without one.
    expect(relativizeLocation(answer('https://elsewhere.example/auth'), 'http://localhost:3000').headers.get('location')).toBe('https://elsewhere.example/auth');
    expect(relativizeLocation(new Response('ok'), 'http://localhost:3000').headers.get('location')).toBeNull();
  });
});
