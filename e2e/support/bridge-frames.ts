import type { Page } from '@playwright/test';

/**
 * Watches the frames the page sends over the real WebSocket bridge (read-only: nothing is
 * changed or answered here). "An invalid override sends nothing" is then checked where it
 * matters, on the wire, besides on the screen and in the simulator's registers.
 */

/** A request the page sent: its method and, for commands, the command's type. */
export interface SentRequest {
  readonly at: number;
  readonly method: string;
  readonly commandType: string | null;
  readonly raw: string;
}

/** Every request frame the page sent, in order. */
export class BridgeFrames {
  readonly sent: SentRequest[] = [];

  constructor(page: Page) {
    page.on('websocket', (ws) => {
      ws.on('framesent', (frame) => {
        const raw = typeof frame.payload === 'string' ? frame.payload : frame.payload.toString();
        this.sent.push({ at: Date.now(), raw, ...describe(raw) });
      });
    });
  }

  /** Commands sent at or after `since` (ms since the epoch). */
  commandsSince(since: number): SentRequest[] {
    return this.sent.filter((r) => r.at >= since && r.method === 'command');
  }
}

function describe(raw: string): { method: string; commandType: string | null } {
  try {
    const msg = JSON.parse(raw) as { method?: unknown; params?: { command?: { type?: unknown } } };
    const type = msg.params?.command?.type;
    return {
      method: typeof msg.method === 'string' ? msg.method : '(none)',
      commandType: typeof type === 'string' ? type : null,
    };
  } catch {
    return { method: '(not JSON)', commandType: null };
  }
}
