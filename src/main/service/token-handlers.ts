import type { TokenInfoView } from '../../shared/commissioning-views';
import type { PairingCodeView, TokenRotation } from '../../shared/commissioning-views';
import { CommissioningError, type ServiceTokens } from '../commissioning/commissioning-tools';

/** The token with all but its first and last 4 characters hidden. */
export function maskToken(token: string): string {
  if (token.length <= 12) return '•'.repeat(token.length);
  return `${token.slice(0, 4)}…${token.slice(-4)}`;
}

/** What the UI shows of the host's token. */
export function tokenInfo(tokens: ServiceTokens | null | undefined): TokenInfoView {
  if (!tokens) return { masked: '', path: null, canRotate: false };
  return {
    masked: maskToken(tokens.current()),
    path: tokens.path,
    canRotate: tokens.path !== null,
  };
}

/** Replaces the token; the old one stops working at once (REST, WebSocket, served page). */
export async function rotateToken(
  tokens: ServiceTokens | null | undefined,
): Promise<TokenRotation> {
  if (!tokens) throw new CommissioningError('this host has no API token (its API is off)');
  if (tokens.path === null)
    throw new CommissioningError(
      'the token is set by EMS_API_TOKEN: change the variable and restart to replace it',
    );
  const token = await tokens.rotate();
  return { token, tokenFile: tokens.path };
}

/** A fresh single-use code a browser pairs with (the desktop app shows it in its window). */
export function pairingCode(tokens: ServiceTokens | null | undefined): PairingCodeView {
  if (!tokens?.issuePairingCode)
    throw new CommissioningError('this host serves no browser pairing (its API is off)');
  return tokens.issuePairingCode();
}
