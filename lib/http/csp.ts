// The Content-Security-Policy for a response: scripts only with this
// request's nonce; the portal may not be framed at all, public pages only by
// ourselves.
export function buildCsp(nonce: string | null, options: { isDev: boolean; framing: 'none' | 'self' }): string {
  const directives = [
    `default-src 'self'`,
    // Development's hot reloader does not survive a nonce policy (it reloads
    // the page in a loop), so there the policy is relaxed; production is strict.
    // Cached public pages are the same bytes for every reader, so they cannot
    // carry a per-request nonce (nonce null): their inline scripts are Next's
    // own, and the only reader-facing HTML in them is the sanitized body.
    options.isDev ? `script-src 'self' 'unsafe-inline' 'unsafe-eval'` : nonce ? `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'` : `script-src 'self' 'unsafe-inline'`,
    // Tailwind and Next inject style attributes; styles cannot run script.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'${options.isDev ? ' ws: wss:' : ''}`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors '${options.framing}'`,
  ];
  return directives.join('; ');
}
