import { expect, type Page } from '@playwright/test';

/**
 * Watches the frames the page sends and receives over the real WebSocket bridge (read-only:
 * nothing is changed or answered here). "An invalid override sends nothing" is then checked
 * where it matters, on the wire, besides on the screen and in the simulator's registers; and
 * a test that needs time to pass waits for pushes (snapshots, trend samples) to arrive,
 * which a loaded machine delays together with everything else, rather than for a fixed time.
 */

/** A request the page sent: its method and, for commands, the command's type. */
export interface SentRequest {
  readonly at: number;
  readonly method: string;
  readonly commandType: string | null;
  readonly raw: string;
}

/** A push the page received: its topic and when. */
export interface ReceivedPush {
  readonly at: number;
  readonly topic: string;
}

/** Every request frame the page sent and every push it received, in order. */
export class BridgeFrames {
  readonly sent: SentRequest[] = [];
  readonly pushes: ReceivedPush[] = [];

  constructor(page: Page) {
    page.on('websocket', (ws) => {
      ws.on('framesent', (frame) => {
        const raw = typeof frame.payload === 'string' ? frame.payload : frame.payload.toString();
        this.sent.push({ at: Date.now(), raw, ...describe(raw) });
      });
      ws.on('framereceived', (frame) => {
        const raw = typeof frame.payload === 'string' ? frame.payload : frame.payload.toString();
        const topic = topicOf(raw);
        if (topic !== null) this.pushes.push({ at: Date.now(), topic });
      });
    });
  }

  /** Commands sent at or after `since` (ms since the epoch). */
  commandsSince(since: number): SentRequest[] {
    return this.sent.filter((r) => r.at >= since && r.method === 'command');
  }

  /** Pushes of `topic` received at or after `since` (ms since the epoch). */
  pushesSince(topic: string, since: number): ReceivedPush[] {
    return this.pushes.filter((p) => p.at >= since && p.topic === topic);
  }

  /**
   * Waits until `count` pushes of `topic` have arrived from now on: `history` comes once a
   * second (one trend sample), `snapshot` after control steps. The timeout is a ceiling.
   */
  async waitForPushes(topic: string, count: number, timeoutMs = 30_000): Promise<void> {
    const since = Date.now();
    await expect
      .poll(() => this.pushesSince(topic, since).length, {
        message: `${count} ${topic} pushes`,
        timeout: timeoutMs,
      })
      .toBeGreaterThanOrEqual(count);
  }
}

function topicOf(raw: string): string | null {
  try {
    const msg = JSON.parse(raw) as { topic?: unknown };
    return typeof msg.topic === 'string' ? msg.topic : null;
  } catch {
    return null;
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
