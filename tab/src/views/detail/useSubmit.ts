/**
 * A form's submission: busy flag, the server's error (already in the user's language) and
 * a success note. The Idempotency-Key stays the same while the input does, so a retry of
 * the same submission (after a lost answer, or a double click) is never stored twice.
 */
import { useCallback, useRef, useState } from 'react';
import { isConflict, newIdempotencyKey } from '../../api/client.js';

export interface Submit {
  busy: boolean;
  error: Error | null;
  done: boolean;
  /** Resolves to null when saved, or to the error shown. */
  run: (input: unknown, write: (key: string) => Promise<unknown>) => Promise<Error | null>;
  clearError: () => void;
}

export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState(false);
  const last = useRef<{ input: string; key: string } | null>(null);
  const run = useCallback(async (input: unknown, write: (key: string) => Promise<unknown>) => {
    const serialized = JSON.stringify(input);
    if (!last.current || last.current.input !== serialized) last.current = { input: serialized, key: newIdempotencyKey() };
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await write(last.current.key);
      last.current = null;
      setDone(true);
      return null;
    } catch (e) {
      setError(e as Error);
      return e as Error;
    } finally {
      setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { busy, error, done, run, clearError };
}

/**
 * After saving an edit made under a version: success closes the dialog and reloads what is behind it;
 * a conflict (someone changed it meanwhile) reloads it too and forgets the version, so a second Save
 * applies to the newer one. Any other failure stays in the dialog, shown by its error bar.
 */
export function settleSave(failure: Error | null, then: { close: () => void; forgetVersion: () => void; reload: () => void }): void {
  if (!failure) {
    then.close();
    then.reload();
  } else if (isConflict(failure)) {
    then.forgetVersion();
    then.reload();
  }
}
