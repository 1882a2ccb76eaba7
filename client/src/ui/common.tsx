/** Small shared pieces: status pills, progress bars, notices. */
import type { ReactNode } from "react";
import type { TaskStatus } from "../api/types.ts";
import { errorText, type ErrorContext } from "./error-text.ts";
import { useI18n } from "../i18n/context.tsx";

export function StatusPill({ status }: { status: TaskStatus }) {
  const { t } = useI18n();
  return <span className={`pill status-${status.toLowerCase().replace(/_/g, "-")}`}>{t(`status.${status}`)}</span>;
}

export function ProgressBar({ value, label }: { value: number | null; label: string }) {
  if (value == null) return null;
  const v = Math.max(0, Math.min(100, value));
  return (
    <span
      className="progress"
      role="meter"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(v)}
      aria-label={label}
    >
      <span className="progress-bar" style={{ width: `${v}%` }} />
      <span className="progress-text">{Math.round(v)}%</span>
    </span>
  );
}

export function Notice({
  kind,
  children,
  action,
}: {
  kind: "error" | "info" | "loading";
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className={`notice notice-${kind}`} role={kind === "error" ? "alert" : "status"}>
      {kind === "loading" && <span className="spinner" aria-hidden="true" />}
      <span>{children}</span>
      {action}
    </div>
  );
}

export function ErrorNotice({ error, retry }: { error: Error; retry?: () => void }) {
  const { t } = useI18n();
  return (
    <Notice
      kind="error"
      action={
        retry ? (
          <button type="button" className="btn btn-small" onClick={retry}>
            {t("app.retry")}
          </button>
        ) : undefined
      }
    >
      <ErrorMessage error={error} />
    </Notice>
  );
}

/** A failed request in the reader's language (ui/error-text.ts), with the server's words folded away when they add something. */
export function ErrorMessage({
  error,
  context,
  prefix,
}: {
  error: unknown;
  context?: ErrorContext;
  prefix?: (message: string) => string;
}) {
  const { t } = useI18n();
  const { message, detail } = errorText(error, t, context);
  return (
    <>
      <span className="error-message">{prefix ? prefix(message) : message}</span>
      {detail && (
        <details className="error-detail">
          <summary>{t("error.detail")}</summary>
          <span lang="en">{detail}</span>
        </details>
      )}
    </>
  );
}

export function formatDate(iso: string, lang: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(lang === "en" ? "en-GB" : lang, { year: "numeric", month: "short", day: "numeric" });
}

/**
 * A table that may scroll sideways on a narrow screen. The scrolling box is a
 * labelled region in the tab order so a keyboard user can scroll it too
 * (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
