import { useCallback, useEffect, useRef, useState } from 'react';
import type { RequestParams } from '../../../../shared/contract';
import { getEmsApi } from '../../bridge/ems-bridge';
import { errorText } from '../../store/mirror';
import { ReadPoller } from '../../tools/read-poller';
import { withoutRequestName } from '../../tools/request-error';
import { NO_READS, readFailed, readSucceeded, type ReadState } from '../../tools/register-reads';

/** The register console's reads: once or polled, with the last good table kept on a failure. */
export interface RegisterReads {
  readonly state: ReadState;
  readonly busy: boolean;
  /** The poll interval, s, while polling; null when not polling. */
  readonly pollingS: number | null;
  readonly readOnce: (params: RequestParams<'registerRead'>) => void;
  readonly startPolling: (params: RequestParams<'registerRead'>, intervalS: number) => void;
  readonly stopPolling: () => void;
}

const browserSchedule = (task: () => void, ms: number): (() => void) => {
  const handle = window.setTimeout(task, ms);
  return () => window.clearTimeout(handle);
};

/** Reads for the register console; polling stops when the screen closes. */
export function useRegisterReads(): RegisterReads {
  const [state, setState] = useState<ReadState>(NO_READS);
  const [busy, setBusy] = useState(false);
  const [pollingS, setPollingS] = useState<number | null>(null);
  const params = useRef<RequestParams<'registerRead'> | null>(null);

  const read = useCallback(async (): Promise<void> => {
    const p = params.current;
    if (p === null) return;
    setBusy(true);
    try {
      const result = await getEmsApi().registerRead(p);
      setState((s) => readSucceeded(s, result, Date.now()));
    } catch (err) {
      const error = withoutRequestName(errorText(err));
      setState((s) => readFailed(s, error, Date.now()));
    } finally {
      setBusy(false);
    }
  }, []);

  const poller = useRef<ReadPoller | null>(null);
  poller.current ??= new ReadPoller(read, browserSchedule);
  useEffect(() => () => poller.current?.stop(), []);

  const readOnce = useCallback(
    (p: RequestParams<'registerRead'>) => {
      params.current = p;
      void read();
    },
    [read],
  );
  const startPolling = useCallback((p: RequestParams<'registerRead'>, intervalS: number) => {
    params.current = p;
    setPollingS(intervalS);
    poller.current?.start(intervalS * 1000);
  }, []);
  const stopPolling = useCallback(() => {
    poller.current?.stop();
    setPollingS(null);
  }, []);
  return { state, busy, pollingS, readOnce, startPolling, stopPolling };
}
