// Pure: redirects as path-only addresses. A Location built from the request's
// URL names whatever Host the client sent (or the address the server binds
// to, 0.0.0.0); a path is resolved by the browser against the address it
// actually used.

// The sign-in page, coming back to `next` (a path of ours) afterwards.
export function loginPath(next: string): string {
  return next.startsWith('/') && !next.startsWith('//') ? `/login?${new URLSearchParams({ next })}` : '/login';
}

// A response's Location made path-only when it points at the origin the
// request was made to; any other address is left as it is.
export function relativizeLocation(response: Response, requestOrigin: string): Response {
  const location = response.headers.get('location');
  if (!location) return response;
  let target: URL;
  try {
    target = new URL(location, requestOrigin);
  } catch {
    return response;
  }
  if (target.origin !== requestOrigin) return response;
  const headers = new Headers(response.headers);
  headers.set('location', `${target.pathname}${target.search}${target.hash}`);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
