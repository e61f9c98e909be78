/** Reads a JSON resource and reads it again whenever the board's change sequence moves (live updates). */
import { useCallback, useEffect, useState } from 'react';
import { useSession } from '../app/session.js';

export interface Resource<T> {
  data: T | null;
  error: Error | null;
  reload: () => void;
}

export function useResource<T>(path: string): Resource<T> {
  const { client, board } = useSession();
  const changeSeq = useSequenceMoves(board?.changeSeq);
  const [state, setState] = useState<{ path: string; data: T | null; error: Error | null }>({ path, data: null, error: null });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    client.get<T>(path).then(
      (data) => live && setState({ path, data, error: null }),
      (error: Error) => live && setState((s) => ({ path, data: s.path === path ? s.data : null, error })),
    );
    return () => {
      live = false;
    };
  }, [client, path, changeSeq, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const current = state.path === path;
  return { data: current ? state.data : null, error: current ? state.error : null, reload };
}

/**
 * Counts the moves of the board's change sequence. The board arriving (a unit's first board, or the board of another
 * unit after a switch) is no move: what was just read is as new as that board, and is not read again.
 */
function useSequenceMoves(changeSeq: number | undefined): number {
  const [tracked, setTracked] = useState({ seq: changeSeq, moves: 0 });
  if (changeSeq !== tracked.seq) {
    setTracked({ seq: changeSeq, moves: tracked.seq === undefined || changeSeq === undefined ? tracked.moves : tracked.moves + 1 });
  }
  return tracked.moves;
}
