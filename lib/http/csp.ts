// The Content-Security-Policy for a response: scripts only with this
// request's nonce; the portal may not be framed at all, public pages only by
// ourselves.
export function buildCsp(nonce: string, options: { isDev: boolean; framing: 'none' | 'self' }): string {
  const directives = [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.isDev ? " 'unsafe-eval'" : ''}`,
    // Tailwind and Next inject style attributes; styles cannot run script.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'${options.isDev ? ' ws: wss:' : ''}`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors '${options.framing}'`,
    ...(options.isDev ? [] : ['upgrade-insecure-requests']),
  ];
  return directives.join('; ');
}

export function isPortalPath(pathname: string): boolean {
  return /^\/(desk|review|admin|account|portal|login)(\/|$)/.test(pathname);
}
