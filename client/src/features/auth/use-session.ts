/** The signed-in user: read once from `me` (the HttpOnly session cookie), changed by sign-in and sign-out. */
import { startTransition, useCallback, useEffect, useState } from "react";
import { gql } from "../../api/client.ts";
import { LOGIN, LOGOUT, ME } from "../../api/operations.ts";
import type { Script, SessionUser } from "../../api/types.ts";
import { clearQueryCache } from "../../api/query-cache.ts";

export interface Session {
  user: SessionUser | null;
  /** true until `me` has answered once */
  checking: boolean;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

export function useSession(script: Script): Session {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [checking, setChecking] = useState(true);
  useEffect(() => {
    const ctrl = new AbortController();
    gql(ME, { script }, { signal: ctrl.signal }).then(
      (d) => {
        // not urgent: the answer usually lands while the map draws its first frame, which may go first
        startTransition(() => {
          setUser(d.me);
          setChecking(false);
        });
      },
      (err: Error) => {
        if (err.name !== "AbortError") setChecking(false);
      },
    );
    return () => ctrl.abort();
  }, [script]);
  const signIn = useCallback(
    async (username: string, password: string) => {
      const d = await gql(LOGIN, { username, password, script });
      clearQueryCache();
      setUser(d.login.user);
    },
    [script],
  );
  const signOut = useCallback(async () => {
    await gql(LOGOUT);
    clearQueryCache();
    setUser(null);
  }, []);
  return { user, checking, signIn, signOut };
}
