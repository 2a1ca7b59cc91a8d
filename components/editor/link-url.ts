// Links a story may carry, as the server sanitizer allows them: http(s),
// mailto, or a path on this site. Pure, shared by the link dialog, the paste
// cleaner and the schema's parse rule.

const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f<>"`]/;

export function isAllowedHref(href: string | null | undefined): href is string {
  if (!href || CONTROL_OR_SPACE.test(href)) return false;
  if (href.startsWith('/')) return !href.startsWith('//') && !href.startsWith('/\\');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') {
    try {
      return new URL(href).hostname !== '';
    } catch {
      return false;
    }
  }
  if (scheme === 'mailto') return /^mailto:[^@]+@[^@]+\.[^@]+$/i.test(href);
  return false;
}

// What a person typed into the link dialog, made into an allowed href, or
// null. A bare domain gets https://, a bare address gets mailto:.
export function normalizeLinkInput(input: string): string | null {
  const value = input.trim();
  if (isAllowedHref(value)) return value;
  if (/^[^@\s/:]+@[^@\s/:]+\.[a-z]{2,}$/i.test(value)) return `mailto:${value}`;
  if (/^([a-z0-9\u00a1-\uffff-]+\.)+[a-z\u00a1-\uffff]{2,}(:\d{1,5})?([/?#]\S*)?$/i.test(value)) {
    const withScheme = `https://${value}`;
    return isAllowedHref(withScheme) ? withScheme : null;
  }
  return null;
}
