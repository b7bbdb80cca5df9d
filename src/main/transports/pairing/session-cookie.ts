/** The cookie that carries a paired browser's session id. */
export const SESSION_COOKIE = 'ems_session';

/** The session id in a Cookie header; undefined when there is none. */
export function sessionIdFrom(cookieHeader: string | undefined): string | undefined {
  if (cookieHeader === undefined) return undefined;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{1,128}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

/**
 * The Set-Cookie value for a session: HttpOnly (page scripts never see it), SameSite=Strict
 * (no other site's page can make the browser send it), for the whole origin, expiring with
 * the session, and Secure when the page came over HTTPS.
 */
export function sessionCookie(sessionId: string, maxAgeS: number, secure: boolean): string {
  const attrs = [`${SESSION_COOKIE}=${sessionId}`, 'HttpOnly', 'SameSite=Strict', 'Path=/'];
  attrs.push(`Max-Age=${maxAgeS}`);
  if (secure) attrs.push('Secure');
  return attrs.join('; ');
}

/** The Set-Cookie value that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}
