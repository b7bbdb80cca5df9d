import { randomBytes } from 'node:crypto';
import { tokenMatches } from '../loopback-policy';
import { newPairingCode, normalisePairingCode } from './pairing-code';

/** How long a pairing code may be used, ms. */
export const PAIRING_CODE_TTL_MS = 10 * 60_000;
/** How long a paired browser stays paired, ms (then it pairs again). */
export const SESSION_TTL_MS = 12 * 3_600_000;
/** Pairing attempts one address may make per minute; one more locks it out. */
export const PAIRING_ATTEMPTS_PER_MINUTE = 5;
/** How long an address that guessed too often is locked out, ms. */
export const PAIRING_LOCKOUT_MS = 15 * 60_000;
/** Sessions held at once; the oldest is ended beyond it. */
export const MAX_SESSIONS = 64;
/** Addresses whose attempts are remembered at once; the idlest are forgotten beyond it. */
const MAX_TRACKED_ADDRESSES = 10_000;

/** Options of {@link Pairing}. */
export interface PairingOptions {
  /** Monotonic ms (the host's clock). */
  readonly now: () => number;
  /** The host's token in force now: it is a pairing code too, and a session ends when it changes. */
  readonly currentToken: () => string;
  /** Fresh codes; the CSPRNG by default. */
  readonly newCode?: () => string;
  /** Called after a code was used up (a host that prints codes prints the next one). */
  readonly onCodeUsed?: () => void;
}

/** A pairing code and how long it stays valid. */
export interface IssuedCode {
  readonly code: string;
  readonly expiresInS: number;
}

/** The outcome of one pairing attempt. */
export type PairingOutcome =
  | { readonly ok: true; readonly sessionId: string; readonly maxAgeS: number }
  | { readonly ok: false; readonly locked: true; readonly retryAfterS: number }
  | { readonly ok: false; readonly locked: false; readonly error: string };

interface Session {
  readonly expiresAt: number;
  /** The token in force when it was made: a rotation ends it. */
  readonly token: string;
}

interface Attempts {
  times: number[];
  lockedUntil: number;
}

/**
 * The browser sessions of one host, in memory: a browser trades a pairing code (or the
 * token) for a session id, which it then carries as an HttpOnly cookie. The code is single
 * use and expires; each address may try a few codes a minute and is then locked out. A
 * session ends when it expires or the token is rotated. Restarting the host ends them all.
 */
export class Pairing {
  private code: { value: string; expiresAt: number } | null = null;
  private readonly sessions = new Map<string, Session>();
  private readonly attempts = new Map<string, Attempts>();
  private readonly newCode: () => string;

  constructor(private readonly opts: PairingOptions) {
    this.newCode = opts.newCode ?? ((): string => newPairingCode());
  }

  /** Makes a new code, replacing the one before (which stops working). */
  issueCode(): IssuedCode {
    this.code = { value: this.newCode(), expiresAt: this.opts.now() + PAIRING_CODE_TTL_MS };
    return { code: this.code.value, expiresInS: PAIRING_CODE_TTL_MS / 1000 };
  }

  /** One attempt from `address` with what the user typed. */
  pair(address: string, typed: string): PairingOutcome {
    const now = this.opts.now();
    const a = this.attemptsOf(address, now);
    if (a.lockedUntil > now) return this.lockedAnswer(a, now);
    a.times.push(now);
    if (a.times.length > PAIRING_ATTEMPTS_PER_MINUTE) {
      a.lockedUntil = now + PAIRING_LOCKOUT_MS;
      return this.lockedAnswer(a, now);
    }
    const token = this.opts.currentToken();
    const code = this.code;
    const byCode =
      code !== null && code.expiresAt > now && code.value === normalisePairingCode(typed);
    if (!byCode && !tokenMatches(typed.trim(), token))
      return { ok: false, locked: false, error: 'pairing: wrong or expired code' };
    const sessionId = this.openSession(token, now);
    if (byCode) {
      this.code = null; // single use
      this.opts.onCodeUsed?.();
    }
    return { ok: true, sessionId, maxAgeS: SESSION_TTL_MS / 1000 };
  }

  /** True when `sessionId` names a live session made under the token in force now. */
  isSession(sessionId: string | undefined): boolean {
    if (sessionId === undefined) return false;
    const s = this.sessions.get(sessionId);
    if (s === undefined) return false;
    if (s.expiresAt <= this.opts.now() || !tokenMatches(s.token, this.opts.currentToken())) {
      this.sessions.delete(sessionId);
      return false;
    }
    return true;
  }

  /** Ends one session (the browser unpairs). */
  endSession(sessionId: string | undefined): void {
    if (sessionId !== undefined) this.sessions.delete(sessionId);
  }

  /** Live sessions (expired ones may still count until next looked at). */
  get sessionCount(): number {
    return this.sessions.size;
  }

  private openSession(token: string, now: number): string {
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, { expiresAt: now + SESSION_TTL_MS, token });
    while (this.sessions.size > MAX_SESSIONS) {
      const oldest = this.sessions.keys().next();
      if (oldest.done === true) break;
      this.sessions.delete(oldest.value);
    }
    return id;
  }

  private attemptsOf(address: string, now: number): Attempts {
    const a = this.attempts.get(address) ?? { times: [], lockedUntil: 0 };
    a.times = a.times.filter((t) => now - t < 60_000);
    // Re-inserting keeps the Map in least-recently-used order for the pruning.
    this.attempts.delete(address);
    this.attempts.set(address, a);
    while (this.attempts.size > MAX_TRACKED_ADDRESSES) {
      const oldest = this.attempts.keys().next();
      if (oldest.done === true) break;
      this.attempts.delete(oldest.value);
    }
    return a;
  }

  private lockedAnswer(a: Attempts, now: number): PairingOutcome {
    return { ok: false, locked: true, retryAfterS: Math.ceil((a.lockedUntil - now) / 1000) };
  }
}
