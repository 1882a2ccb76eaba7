/**
 * Live report events for a signed-in planner's or leader's map: a graphql-ws subscription on
 * /graphql (the session cookie rides on the upgrade, as on every request of this origin). The
 * WebSocket client is loaded only then (a dynamic import), so an anonymous first load neither
 * downloads it nor opens a socket.
 */
import { useEffect, useRef } from "react";
import type { SessionUser } from "../../api/types.ts";

export interface LiveReportEvent {
  kind: "SUBMITTED" | "APPROVED" | "RETURNED";
  report: { id: string };
  obligation: { place: { id: string; name: string; nameEn: string | null }; task: { id: string; ref: string } };
}

export const REPORT_EVENTS = `subscription LiveReportEvents($script: Script) {
  reportEvents {
    kind
    report { id }
    obligation { place { id name(script: $script) nameEn } task { id ref } }
  }
}`;

/** Who listens: the roles whose map follows reports as they are filed and reviewed. */
export function listensToReports(user: SessionUser | null): boolean {
  return user?.role === "PLANNER" || user?.role === "AREA_LEADER";
}

export function useReportEvents(user: SessionUser | null, script: string, onEvent: (e: LiveReportEvent) => void): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const listening = listensToReports(user);
  const userId = user?.id;
  useEffect(() => {
    if (!listening) return;
    let dispose: (() => void) | null = null;
    let cancelled = false;
    void import("graphql-ws").then(({ createClient }) => {
      if (cancelled) return;
      const client = createClient({
        url: `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/graphql`,
        // a dropped connection (a server restart) is reopened; events in between are not replayed
        retryAttempts: 20,
        shouldRetry: () => true,
      });
      // for tests and for anyone inspecting the page: whether the live connection is up
      client.on("connected", () => (document.documentElement.dataset.liveEvents = "connected"));
      client.on("closed", () => (document.documentElement.dataset.liveEvents = "closed"));
      const unsubscribe = client.subscribe<{ reportEvents: LiveReportEvent }>(
        { query: REPORT_EVENTS, variables: { script } },
        {
          next: (r) => {
            if (r.data?.reportEvents) handler.current(r.data.reportEvents);
          },
          error: () => undefined,
          complete: () => undefined,
        },
      );
      dispose = () => {
        unsubscribe();
        void client.dispose();
      };
    });
    return () => {
      cancelled = true;
      dispose?.();
    };
  }, [listening, userId, script]);
}
