import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_CHANNELS, requestEnvelopeSchema } from '../../shared/contract';
import { formatZodError } from '../../shared/format-zod-error';
import { isAppUrl } from './navigation-guards';
import type { Reply } from '../../shared/reply';
import type { EmsService } from '../service/ems-service';

/** What the renderer sends on IPC_CHANNELS.request (no id: invoke pairs the reply; no token: the window is trusted). */
export const ipcRequestSchema = requestEnvelopeSchema.pick({ method: true, params: true });

/** Options of {@link registerIpcTransport}. */
export interface IpcTransportOptions {
  readonly service: Pick<EmsService, 'handle' | 'subscribe'>;
  /** The app window's contents: the only sender served and the receiver of pushes. */
  readonly webContents: WebContents;
  /** What the window loads (the dev server's URL, or index.html as a file: URL). */
  readonly appUrl: string;
  readonly log: (line: string) => void;
}

/** Why a sender is refused, or null when it is the app's own top-level page. */
function senderProblem(event: IpcMainInvokeEvent, opts: IpcTransportOptions): string | null {
  if (event.sender !== opts.webContents) return 'a request from another window';
  const frame = event.senderFrame;
  if (!frame) return 'a request from a frame that is gone';
  if (frame.parent !== null) return 'a request from a sub-frame';
  if (!isAppUrl(frame.url, opts.appUrl))
    return `a request from a page that is not the app (${frame.url})`;
  return null;
}

/**
 * Serves the contract to the app window over Electron IPC: one invoke channel for requests,
 * one channel for pushes. Each request is checked at the boundary (sender window, top-level
 * frame on the app's own URL, payload shape) before the service sees it; the answer is
 * always a reply object, never a thrown error, so the renderer gets the message intact.
 * Returns the function that unregisters.
 */
export function registerIpcTransport(opts: IpcTransportOptions): () => void {
  const { service, webContents, log } = opts;
  ipcMain.handle(IPC_CHANNELS.request, async (event, payload: unknown): Promise<Reply> => {
    const problem = senderProblem(event, opts);
    if (problem) {
      log(`IPC: refused ${problem}`);
      return { ok: false, error: `refused: ${problem}` };
    }
    const request = ipcRequestSchema.safeParse(payload);
    if (!request.success)
      return { ok: false, error: `bad request: ${formatZodError(request.error)}` };
    return service.handle(request.data.method, request.data.params, {
      authorised: true,
      source: 'desktop',
    });
  });

  const unsubscribe = service.subscribe((push) => {
    if (!webContents.isDestroyed()) webContents.send(IPC_CHANNELS.push, push);
  });
  let done = false;
  const dispose = (): void => {
    if (done) return;
    done = true;
    unsubscribe();
    ipcMain.removeHandler(IPC_CHANNELS.request);
  };
  webContents.once('destroyed', dispose);
  return dispose;
}
