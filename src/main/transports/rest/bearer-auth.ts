import { HttpError } from './rest-errors';

/** What the API needs of the token store to check a write. */
export interface TokenCheck {
  matches(given: string | undefined): boolean;
}

const REALM = 'Bearer realm="ems"';

/** The token of an `Authorization: Bearer <token>` header; undefined when there is none. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const m = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header);
  return m?.[1];
}

/**
 * Null when the request carries the host's token; else the 401 to answer, with the
 * WWW-Authenticate challenge RFC 6750 asks for. The comparison is constant-time (the store's).
 */
export function authProblem(header: string | undefined, tokens: TokenCheck): HttpError | null {
  if (header === undefined || header === '') {
    return new HttpError(
      401,
      "authorization: a write needs the header 'Authorization: Bearer <token>'",
      {
        'WWW-Authenticate': REALM,
      },
    );
  }
  const given = bearerToken(header);
  if (given === undefined) {
    return new HttpError(401, "authorization: expected 'Bearer <token>'", {
      'WWW-Authenticate': `${REALM}, error="invalid_request"`,
    });
  }
  if (!tokens.matches(given)) {
    return new HttpError(401, 'authorization: wrong token', {
      'WWW-Authenticate': `${REALM}, error="invalid_token"`,
    });
  }
  return null;
}
