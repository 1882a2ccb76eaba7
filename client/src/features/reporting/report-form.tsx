/** The task panel's report form: status, progress 0-100, note and, where the user has places, which one. */
import { useState, type FormEvent } from "react";
import { gql } from "../../api/client.ts";
import { REPORT_PROGRESS } from "../../api/operations.ts";
import type { ReportProgressInput } from "../../api/gql/graphql.ts";
import { TASK_STATUSES, type SessionUser, type TaskStatus } from "../../api/types.ts";
import { pickName } from "../../i18n/index.ts";
import { parseProgress, reportPlaceChoices } from "./permissions.ts";
import { ErrorMessage } from "../../ui/common.tsx";
import { useI18n } from "../../i18n/context.tsx";

/** The first day a report may describe: the seeded plan's period starts in 2013 (the server checks each plan's own). */
const PLAN_START = "2013-01-01";

/** Today's date in China (UTC+8), where the plan's dates are: the latest date a report may describe. */
function todayInChina(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

export interface ReportFormProps {
  taskId: string;
  user: SessionUser;
  onFiled: () => void;
}

export function ReportForm({ taskId, user, onFiled }: ReportFormProps) {
  const { t, lang } = useI18n();
  const choices = reportPlaceChoices(user, taskId);
  const [status, setStatus] = useState<TaskStatus>("IN_PROGRESS");
  const [progress, setProgress] = useState("");
  const [note, setNote] = useState("");
  // the date the report describes: today unless the user records what happened earlier in the plan's years
  const [asOf, setAsOf] = useState("");
  const [placeId, setPlaceId] = useState(user.role === "AREA_LEADER" ? (choices.places[0]?.id ?? "") : "");
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setFailure(null);
    setDone(false);
    const p = parseProgress(progress);
    if (Number.isNaN(p)) {
      setError(t("report.progressInvalid"));
      return;
    }
    if (!note.trim()) {
      setError(t("report.noteRequired"));
      return;
    }
    const input: ReportProgressInput = { taskId, status, note: note.trim() };
    if (p !== undefined) input.progress = p;
    if (placeId) input.placeId = placeId;
    if (asOf) input.asOf = asOf;
    setBusy(true);
    try {
      await gql(REPORT_PROGRESS, { input });
      setProgress("");
      setNote("");
      setAsOf("");
      setDone(true);
      onFiled();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="report-form" aria-label={t("report.formTitle")} onSubmit={submit} noValidate>
      <div className="field-row">
        <label className="field">
          <span className="field-label">{t("task.status")}</span>
          <select name="status" value={status} onChange={(e) => setStatus(e.target.value as TaskStatus)}>
            {TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-narrow">
          <span className="field-label">{t("report.progress")}</span>
          <input
            name="progress"
            type="number"
            min={0}
            max={100}
            step={1}
            inputMode="numeric"
            value={progress}
            onChange={(e) => setProgress(e.target.value)}
          />
        </label>
      </div>
      {choices.places.length > 0 && (
        <label className="field">
          <span className="field-label">{t("report.place")}</span>
          <select name="place" value={placeId} onChange={(e) => setPlaceId(e.target.value)}>
            {user.role !== "AREA_LEADER" && <option value="">{t("report.wholeTask")}</option>}
            {choices.places.map((p) => (
              <option key={p.id} value={p.id}>
                {pickName(lang, p.name, p.nameEn)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span className="field-label">{t("report.asOf")}</span>
        <input
          name="asOf"
          type="date"
          min={PLAN_START}
          max={todayInChina()}
          value={asOf}
          onChange={(e) => setAsOf(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">{t("report.note")}</span>
        <textarea
          name="note"
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-required="true"
          maxLength={4000}
          placeholder={t("report.notePlaceholder")}
        />
      </label>
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
      {done && (
        <p className="form-ok" role="status">
          {t("report.filed")}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-small btn-primary" disabled={busy}>
          {t("report.submit")}
        </button>
      </div>
    </form>
  );
}
