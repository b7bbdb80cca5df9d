import { createBrowserTime } from './browser-time';
import type { EmsApi } from '../../../shared/contract';
import { createConnectionSignal, type ConnectionSignal } from './connection-signal';
import { createWsClient } from './ws-client';

/** The renderer's way to the EMS: the API and whether it is connected. */
export interface EmsBridge {
  readonly api: EmsApi;
  readonly connection: ConnectionSignal;
  /**
   * The full write token this page holds, for reveal/copy on the settings screen: only the
   * answer of a rotation made here; null otherwise (pages carry no token).
   */
  token(): string | null;
}

const API_METHODS = ['getSnapshot', 'command', 'getHistory', 'getFaultLog', 'subscribe'] as const;

/** True when `x` has every method of EmsApi (the preload's object in Electron). */
export function looksLikeEmsApi(x: unknown): x is EmsApi {
  if (typeof x !== 'object' || x === null) return false;
  const rec = x as Record<string, unknown>;
  return API_METHODS.every((m) => typeof rec[m] === 'function');
}

/** The bridge URL on the page's own origin: ws://host/ws, or wss:// under https. */
export function bridgeUrl(loc: Pick<Location, 'protocol' | 'host'>): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/ws`;
}

let bridge: EmsBridge | null = null;

/**
 * The bridge for this page, made once: the preload's `window.ems` inside Electron (IPC
 * does not drop, so it is always connected), else a WebSocket client to the host that
 * served the page.
 */
export function getEmsBridge(): EmsBridge {
  if (bridge) return bridge;
  const preload = (window as Window & { ems?: unknown }).ems;
  if (looksLikeEmsApi(preload)) {
    let rotated: string | null = null;
    const api: EmsApi = {
      ...preload,
      // Keep the one token this window ever sees (a rotation's answer) for reveal/copy.
      rotateToken: () =>
        preload.rotateToken().then((r) => {
          rotated = r.token;
          return r;
        }),
    };
    bridge = { api, connection: createConnectionSignal('connected'), token: () => rotated };
  } else {
    const client = createWsClient({
      url: bridgeUrl(window.location),
      // The page holds no token: a paired browser's session cookie rides on the socket's
      // upgrade (docs/security.md). Only a rotation made from this page hands it one.
      token: null,
      scheduler: createBrowserTime(),
    });
    bridge = { api: client, connection: client.connection, token: () => client.currentToken() };
  }
  return bridge;
}

/** The EMS API for this page (see getEmsBridge). */
export function getEmsApi(): EmsApi {
  return getEmsBridge().api;
}
