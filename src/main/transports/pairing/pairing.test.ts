import { describe, expect, it } from 'vitest';
import {
  Pairing,
  PAIRING_ATTEMPTS_PER_MINUTE,
  PAIRING_CODE_TTL_MS,
  PAIRING_LOCKOUT_MS,
  SESSION_TTL_MS,
} from './pairing';
import { newPairingCode, PAIRING_ALPHABET, showPairingCode } from './pairing-code';
import { sessionCookie, sessionIdFrom } from './session-cookie';

const TOKEN = 'a'.repeat(64);

function rig() {
  let t = 1_000;
  let token = TOKEN;
  const pairing = new Pairing({ now: () => t, currentToken: () => token });
  return {
    pairing,
    advance: (ms: number) => void (t += ms),
    rotate: () => void (token = 'b'.repeat(64)),
  };
}

function sessionOf(outcome: ReturnType<Pairing['pair']>): string {
  if (!outcome.ok) throw new Error('expected a session');
  return outcome.sessionId;
}

describe('pairing codes', () => {
  it('are 10 characters of the 32-character alphabet', () => {
    const code = newPairingCode();
    expect(code).toMatch(new RegExp(`^[${PAIRING_ALPHABET}]{10}$`));
    expect(new Set(PAIRING_ALPHABET).size).toBe(32);
    expect(showPairingCode('ABCDEFGHJK')).toBe('ABCDE-FGHJK');
  });
});

describe('Pairing', () => {
  it('trades a code, typed loosely, for a session; the code works once', () => {
    const { pairing } = rig();
    const { code } = pairing.issueCode();
    const id = sessionOf(pairing.pair('10.0.0.2', ` ${showPairingCode(code).toLowerCase()} `));
    expect(pairing.isSession(id)).toBe(true);
    expect(pairing.pair('10.0.0.3', code)).toMatchObject({ ok: false, locked: false });
  });

  it('refuses a code after its 10 minutes', () => {
    const { pairing, advance } = rig();
    const { code } = pairing.issueCode();
    advance(PAIRING_CODE_TTL_MS);
    expect(pairing.pair('10.0.0.2', code)).toMatchObject({ ok: false, locked: false });
  });

  it('accepts the token as a code', () => {
    const { pairing } = rig();
    expect(pairing.isSession(sessionOf(pairing.pair('10.0.0.2', TOKEN)))).toBe(true);
  });

  it('locks an address out after 5 attempts a minute, even with the right code then', () => {
    const { pairing, advance } = rig();
    const { code } = pairing.issueCode();
    for (let i = 0; i < PAIRING_ATTEMPTS_PER_MINUTE; i++)
      expect(pairing.pair('10.0.0.9', 'WRONGCODE0')).toMatchObject({ ok: false, locked: false });
    expect(pairing.pair('10.0.0.9', code)).toMatchObject({ ok: false, locked: true });
    // Another address is not locked.
    expect(pairing.pair('10.0.0.2', code).ok).toBe(true);
    advance(PAIRING_LOCKOUT_MS - 1);
    expect(pairing.pair('10.0.0.9', TOKEN)).toMatchObject({ ok: false, locked: true });
    advance(1);
    expect(pairing.pair('10.0.0.9', TOKEN).ok).toBe(true);
  });

  it('ends a session when it expires and every session when the token rotates', () => {
    const { pairing, advance, rotate } = rig();
    const a = sessionOf(pairing.pair('10.0.0.2', TOKEN));
    advance(SESSION_TTL_MS);
    expect(pairing.isSession(a)).toBe(false);
    const b = sessionOf(pairing.pair('10.0.0.2', TOKEN));
    expect(pairing.isSession(b)).toBe(true);
    rotate();
    expect(pairing.isSession(b)).toBe(false);
    expect(pairing.isSession(undefined)).toBe(false);
  });
});

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Strict, for the whole origin, expiring, Secure over HTTPS', () => {
    expect(sessionCookie('abc', 43200, false)).toBe(
      'ems_session=abc; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200',
    );
    expect(sessionCookie('abc', 43200, true)).toMatch(/; Secure$/);
  });

  it('is read back from a Cookie header, and nothing else is', () => {
    expect(sessionIdFrom('a=1; ems_session=xyz_-9; b=2')).toBe('xyz_-9');
    expect(sessionIdFrom('ems_session=bad value')).toBeUndefined();
    expect(sessionIdFrom(undefined)).toBeUndefined();
  });
});
