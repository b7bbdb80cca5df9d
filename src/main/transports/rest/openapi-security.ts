import { contractTable, type RequestMethod } from '../../../shared/contract';

type Schema = Record<string, unknown>;

/**
 * Who may call an operation, from the contract table's access level of the request behind
 * it (docs/security.md): `open` needs nothing (an empty requirement); `private` and `write`
 * need the bearer token or a paired browser's session cookie (either one).
 */
export function securityOf(method: RequestMethod): Schema[] {
  return contractTable[method].access === 'open' ? [] : [{ bearerAuth: [] }, { sessionCookie: [] }];
}

/** The access level as an extension field, so a reader sees it without decoding `security`. */
export function accessOf(method: RequestMethod): Schema {
  return { 'x-ems-access': contractTable[method].access };
}
