/**
 * Which links the desktop window may hand to the system browser. The app links nowhere
 * today, so the list is empty and nothing opens: a page that somehow got script or markup
 * into the window cannot use the system browser to reach a phishing site or a protocol
 * handler. Add an entry (an exact https origin) when the app gains a link somewhere.
 */

/** Origins (`https://host[:port]`) whose pages the system browser may open. */
export const EXTERNAL_LINK_ORIGINS: readonly string[] = [];

/** True when `url` is an https URL whose origin is on `allowlist` exactly. */
export function isExternalLinkAllowed(
  url: string,
  allowlist: readonly string[] = EXTERNAL_LINK_ORIGINS,
): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '')
    return false;
  return allowlist.includes(parsed.origin);
}
