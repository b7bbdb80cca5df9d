/** REST path where this browser trades a pairing code for its session cookie. */
export const PAIR_URL = '/api/pair';

/**
 * Pairs this browser with the host that served the page: null when it worked (the host set
 * the HttpOnly session cookie, which this page never sees), else what the host said.
 */
export async function pairBrowser(
  code: string,
  post: typeof fetch = fetch,
): Promise<string | null> {
  const res = await post(PAIR_URL, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify({ code }),
  });
  // Read the whole answer either way: a page that reloads on success must not abort it.
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) return null;
  const error =
    typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string'
      ? body.error
      : `pairing failed (HTTP ${res.status})`;
  return error;
}
