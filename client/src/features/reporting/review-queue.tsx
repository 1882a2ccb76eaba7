/** Submitted reports the signed-in planner or department may review: approve, or return with a note. */
import { useState } from "react";
import { gql } from "../../api/client.ts";
import { REVIEW_QUEUE, REVIEW_REPORT } from "../../api/operations.ts";
import { useQuery } from "../../api/use-query.ts";
import type { ReviewQueueItem, Script, SessionUser } from "../../api/types.ts";
import { pickName } from "../../i18n/index.ts";
import { ErrorMessage, ErrorNotice, Notice, ProgressBar, StatusPill, formatDate } from "../../ui/common.tsx";
import { canReview } from "./permissions.ts";
import { useI18n } from "../../i18n/context.tsx";

export interface ReviewQueueProps {
  user: SessionUser;
  script: Script;
  onOpenTask: (id: string) => void;
}

function QueueItem({
  item,
  user,
  onDone,
  onOpenTask,
}: {
  item: ReviewQueueItem;
  user: SessionUser;
  onDone: () => void;
  onOpenTask: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const decide = async (decision: "APPROVE" | "RETURN") => {
    setBusy(true);
    setError(null);
    setFailure(null);
    try {
      await gql(REVIEW_REPORT, { id: item.id, decision, note: note.trim() || null });
      onDone();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  const allowed = canReview(user, item.task, item.author?.id);
  return (
    <li className="report review-item" data-report-id={item.id}>
      <button type="button" className="link obligation-title" onClick={() => onOpenTask(item.task.id)}>
        <span className="ref">{item.task.ref}</span> {pickName(lang, item.task.title, item.task.titleEn)}
      </button>
      <div className="report-head">
        <time dateTime={item.createdAt}>{formatDate(item.createdAt, lang)}</time>
        <StatusPill status={item.status} />
        <ProgressBar value={item.progress} label={t("task.progress")} />
      </div>
      {item.note && <p>{item.note}</p>}
      <p className="muted small">
        {item.author ? `${t("report.author")}: ${item.author.displayName}` : ""}
        {item.place ? ` · ${pickName(lang, item.place.name, item.place.nameEn)}` : ""}
      </p>
      {allowed ? (
        <div className="review-actions">
          <input
            type="text"
            className="review-note"
            aria-label={t("review.note")}
            placeholder={t("review.note")}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={() => decide("APPROVE")}>
            {t("review.approve")}
          </button>
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => decide("RETURN")}>
            {t("review.return")}
          </button>
        </div>
      ) : (
        <p className="muted small">{t("review.ownReport")}</p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {failure != null && (
        <p className="form-error" role="alert">
          <ErrorMessage error={failure} prefix={(message) => t("report.failed", { message })} />
        </p>
      )}
    </li>
  );
}

export function ReviewQueue({ user, script, onOpenTask }: ReviewQueueProps) {
  const { t } = useI18n();
  const q = useQuery(REVIEW_QUEUE, { script });
  const items = q.data?.reviewQueue;
  return (
    <div className="panel review-queue">
      <h2 className="section-title">{t("review.title", { count: items?.length ?? 0 })}</h2>
      {q.error && <ErrorNotice error={q.error} retry={q.retry} />}
      {!items && q.loading && <Notice kind="loading">{t("app.loading")}</Notice>}
      {items && items.length === 0 && <p className="muted">{t("review.empty")}</p>}
      {items && items.length > 0 && (
        <ol className="reports">
          {items.map((item) => (
            <QueueItem key={item.id} item={item} user={user} onDone={q.retry} onOpenTask={onOpenTask} />
          ))}
        </ol>
      )}
    </div>
  );
}
