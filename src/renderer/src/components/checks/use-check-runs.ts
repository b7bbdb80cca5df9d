import { useCallback, useEffect, useState } from 'react';
import type { CheckRunView, CommissioningStatusView } from '../../../../shared/check-views';
import { getEmsApi } from '../../bridge/ems-bridge';
import { errorText } from '../../store/mirror';

/** How often the screen asks for the runs while it is open, ms (live progress and chart). */
const POLL_MS = 1000;

/** The runs and the commissioning status, refreshed every second while the screen is open. */
export function useCheckRuns(): {
  runs: readonly CheckRunView[];
  status: CommissioningStatusView | null;
  error: string | null;
  refresh: () => Promise<void>;
} {
  const [runs, setRuns] = useState<readonly CheckRunView[]>([]);
  const [status, setStatus] = useState<CommissioningStatusView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(async (): Promise<void> => {
    try {
      const api = getEmsApi();
      const [list, st] = await Promise.all([api.listChecks(), api.commissioningStatus()]);
      setRuns(list);
      setStatus(st);
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, []);
  useEffect(() => {
    void refresh();
    const id = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(id);
  }, [refresh]);
  return { runs, status, error, refresh };
}
