import { useCallback, useRef, useState } from 'react';
import { errorText } from '../../store/mirror';
import { withoutRequestName } from '../../tools/request-error';

/** The state of one request a tool screen makes. */
export interface ApiCall<T> {
  readonly busy: boolean;
  readonly result: T | null;
  /** What went wrong with the last call, as the EMS said it (without the request's name); null when it worked. */
  readonly error: string | null;
  /** Runs the call; the answer of an older call that comes late is dropped. */
  readonly run: (call: () => Promise<T>) => Promise<T | null>;
}

/** Busy, result and error of a request made from a screen, newest call wins. */
export function useApiCall<T>(): ApiCall<T> {
  const [state, setState] = useState<{ busy: boolean; result: T | null; error: string | null }>({
    busy: false,
    result: null,
    error: null,
  });
  const seq = useRef(0);
  const run = useCallback(async (call: () => Promise<T>): Promise<T | null> => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, busy: true, error: null }));
    try {
      const result = await call();
      if (mine === seq.current) setState({ busy: false, result, error: null });
      return result;
    } catch (err) {
      if (mine === seq.current)
        setState((s) => ({ ...s, busy: false, error: withoutRequestName(errorText(err)) }));
      return null;
    }
  }, []);
  return { ...state, run };
}
