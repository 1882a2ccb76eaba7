/**
 * Code that most visits never run — the console, the charts, the reporting and review forms —
 * is loaded when it is first shown, so the map page's first download stays within its budget
 * (BENCHMARKS.md: bundle ≤ +60 KB gzip over bare React + MapLibre).
 */
import { lazy, Suspense, type ComponentType, type ReactNode } from "react";
import { useI18n } from "../i18n/context.tsx";
import { Notice } from "./common.tsx";

/** A named export of a module, loaded on first render (React.lazy wants a default export). */
export function lazyExport<M, K extends keyof M>(load: () => Promise<M>, name: K): M[K] {
  return lazy(() => load().then((m) => ({ default: m[name] as ComponentType<any> }))) as M[K];
}

/** While a lazily loaded part downloads: a loading notice in the reader's language. */
export function Deferred({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return <Suspense fallback={<Notice kind="loading">{t("app.loading")}</Notice>}>{children}</Suspense>;
}
