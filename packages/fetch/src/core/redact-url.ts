/**
 * A URL safe for errors and logs: query string, fragment and user-info removed.
 * Signed CDN URLs carry their tokens in the query (`?Policy=…&Signature=…`).
 *
 * @example
 * ```ts
 * redactUrl('https://cdn.example/a.mp4?token=abc'); // 'https://cdn.example/a.mp4?<redacted>'
 * ```
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    const cut = url.search(/[?#]/);
    return cut < 0 ? url : `${url.slice(0, cut)}?<redacted>`;
  }
  const hadQuery = parsed.search !== '' || parsed.hash !== '';
  parsed.username = '';
  parsed.password = '';
  parsed.search = '';
  parsed.hash = '';
  return hadQuery ? `${parsed.href}?<redacted>` : parsed.href;
}
