/**
 * The planners' console, indicator values: record a figure for an indicator, place and year
 * with its source, and read the recorded figures. An area leader's (or department's) figure
 * waits for a planner's review, as a progress report does; planners approve or return it here.
 */
import { useState, type FormEvent } from "react";
import { gql } from "../../api/client.ts";
import { graphql } from "../../api/gql/index.ts";
import type { ConsoleIndicatorValuesQuery, ReviewState, Script } from "../../api/gql/graphql.ts";
import { useAsync } from "../../api/use-query.ts";
import { queryKey } from "../../api/query-cache.ts";
import { pickName, scriptFor, type Lang, type MessageKey, type Translate } from "../../i18n/index.ts";
import { ErrorMessage, ErrorNotice, Notice, TableScroll, formatDate } from "../../ui/common.tsx";

const VALUES = graphql(`
  query ConsoleIndicatorValues($script: Script!, $review: ReviewState) {
    indicators { id name(script: $script) nameEn unit }
    places { id name(script: $script) nameEn kind }
    indicatorValueRecords(review: $review, first: 100) {
      id year value source recordedAt review reviewNote
      indicator { id name(script: $script) nameEn unit }
      place { id name(script: $script) nameEn }
      recordedBy { id displayName }
    }
  }
`);
const RECORD = graphql(`
  mutation ConsoleRecordValue($input: IndicatorValueInput!) {
    recordIndicatorValue(input: $input) { id review }
  }
`);
const REVIEW = graphql(`
  mutation ConsoleReviewValue($id: ID!, $decision: ReviewDecision!, $note: String) {
    reviewIndicatorValue(id: $id, decision: $decision, note: $note) { id review }
  }
`);

type Data = ConsoleIndicatorValuesQuery;
type Record_ = Data["indicatorValueRecords"][number];

export interface IndicatorValuesSectionProps {
  lang: Lang;
  t: Translate;
  /** the signed-in user: planners review, everybody else's figures wait for review */
  user: { id: string; role: string };
}

function ReviewPill({ review, t }: { review: ReviewState; t: Translate }) {
  return <span className={`pill review-${review.toLowerCase()}`}>{t(`report.review.${review}` as MessageKey)}</span>;
}

function ReviewActions({ value, t, onDone }: { value: Record_; t: Translate; onDone: () => void }) {
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const decide = async (decision: "APPROVE" | "RETURN") => {
    setBusy(true);
    setFailure(null);
    try {
      await gql(REVIEW, { id: value.id, decision, note: note.trim() || null });
      onDone();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  return (
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
      {failure != null && (
        <p className="form-error" role="alert">
          <ErrorMessage error={failure} />
        </p>
      )}
    </div>
  );
}

export function IndicatorValuesSection({ lang, t, user }: IndicatorValuesSectionProps) {
  const script: Script = scriptFor(lang);
  const [pendingOnly, setPendingOnly] = useState(false);
  // bumped after each write, so that neither filter shows a list cached before it
  const [version, setVersion] = useState(0);
  const variables = { script, review: pendingOnly ? ("SUBMITTED" as const) : null };
  // keyed by the user and the version too: a list cached before a write (or for another user) is not shown
  const q = useAsync(`${queryKey(VALUES.toString(), variables)}|${user.id}|${version}`, (signal) =>
    gql(VALUES, variables, { signal }),
  );
  const refresh = () => setVersion((v) => v + 1);
  const [form, setForm] = useState({ indicatorId: "", placeId: "", year: "2015", value: "", source: "" });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [recorded, setRecorded] = useState<ReviewState | null>(null);
  const planner = user.role === "PLANNER";

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    setRecorded(null);
    try {
      const d = await gql(RECORD, {
        input: {
          indicatorId: form.indicatorId,
          placeId: form.placeId,
          year: Number(form.year),
          value: Number(form.value),
          source: form.source,
        },
      });
      setRecorded(d.recordIndicatorValue.review);
      setForm((f) => ({ ...f, value: "", source: "" }));
      refresh();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  const indicators = q.data?.indicators ?? [];
  const places = q.data?.places ?? [];
  const values = q.data?.indicatorValueRecords ?? [];

  return (
    <div className="console-section console-values">
      <section className="panel-section" aria-labelledby="console-value-title">
        <h3 id="console-value-title">{t("consoleB.values.recordTitle")}</h3>
        {!planner && <p className="small muted">{t("consoleB.values.reviewHint")}</p>}
        <form className="console-form" onSubmit={submit}>
          <div className="field">
            <label className="field-label" htmlFor="console-value-indicator">
              {t("consoleB.values.indicator")}
            </label>
            <select
              id="console-value-indicator"
              required
              value={form.indicatorId}
              onChange={(e) => setForm({ ...form, indicatorId: e.target.value })}
            >
              <option value="">—</option>
              {indicators.map((i) => (
                <option key={i.id} value={i.id}>
                  {pickName(lang, i.name, i.nameEn)} ({i.unit})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor="console-value-place">
              {t("consoleB.values.place")}
            </label>
            <select
              id="console-value-place"
              required
              value={form.placeId}
              onChange={(e) => setForm({ ...form, placeId: e.target.value })}
            >
              <option value="">—</option>
              {places
                .filter((p) => p.kind !== "EXTERNAL")
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {pickName(lang, p.name, p.nameEn)}
                  </option>
                ))}
            </select>
          </div>
          <div className="field-row">
            <label className="field">
              <span className="field-label">{t("consoleB.values.year")}</span>
              <input
                type="number"
                required
                min={2000}
                max={2100}
                value={form.year}
                onChange={(e) => setForm({ ...form, year: e.target.value })}
              />
            </label>
            <label className="field">
              <span className="field-label">{t("consoleB.values.value")}</span>
              <input
                type="number"
                required
                step="any"
                value={form.value}
                onChange={(e) => setForm({ ...form, value: e.target.value })}
              />
            </label>
          </div>
          <label className="field">
            <span className="field-label">{t("consoleB.values.source")}</span>
            <input
              type="text"
              required
              placeholder={t("consoleB.values.sourceHint")}
              value={form.source}
              onChange={(e) => setForm({ ...form, source: e.target.value })}
            />
          </label>
          <div>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t("consoleB.values.record")}
            </button>
          </div>
          {failure != null && (
            <p className="form-error" role="alert">
              <ErrorMessage error={failure} />
            </p>
          )}
          {recorded && (
            <p className="notice notice-info" role="status">
              {t(recorded === "APPROVED" ? "consoleB.values.recordedApproved" : "consoleB.values.recordedPending")}
            </p>
          )}
        </form>
      </section>

      <section className="panel-section" aria-labelledby="console-values-title">
        <h3 id="console-values-title">{t("consoleB.values.tableTitle")}</h3>
        <label className="small">
          <input type="checkbox" checked={pendingOnly} onChange={(e) => setPendingOnly(e.target.checked)} />{" "}
          {t("consoleB.values.pendingOnly")}
        </label>
        {q.error && <ErrorNotice error={q.error} retry={q.retry} />}
        {!q.data && q.loading && <Notice kind="loading">{t("app.loading")}</Notice>}
        {q.data && values.length === 0 && <p className="muted values-empty">{t("consoleB.values.empty")}</p>}
        {values.length > 0 && (
          <TableScroll label={t("consoleB.values.tableTitle")}>
            <table className="data-table indicator-values">
              <thead>
                <tr>
                  <th scope="col">{t("consoleB.values.indicator")}</th>
                  <th scope="col">{t("consoleB.values.place")}</th>
                  <th scope="col" className="num">
                    {t("consoleB.values.year")}
                  </th>
                  <th scope="col" className="num">
                    {t("consoleB.values.value")}
                  </th>
                  <th scope="col">{t("consoleB.values.source")}</th>
                  <th scope="col">{t("consoleB.values.recordedBy")}</th>
                  <th scope="col">{t("consoleB.values.review")}</th>
                </tr>
              </thead>
              <tbody>
                {values.map((v) => (
                  <tr key={v.id} data-value-id={v.id}>
                    <td>{pickName(lang, v.indicator.name, v.indicator.nameEn)}</td>
                    <td>{pickName(lang, v.place.name, v.place.nameEn)}</td>
                    <td className="num">{v.year}</td>
                    <td className="num">
                      {v.value} {v.indicator.unit}
                    </td>
                    <td>{v.source}</td>
                    <td>
                      {v.recordedBy?.displayName ?? "—"}
                      <div className="muted small">
                        <time dateTime={v.recordedAt}>{formatDate(v.recordedAt, lang)}</time>
                      </div>
                    </td>
                    <td>
                      <ReviewPill review={v.review} t={t} />
                      {v.reviewNote && <div className="small">{v.reviewNote}</div>}
                      {planner && v.review === "SUBMITTED" && v.recordedBy?.id !== user.id && (
                        <ReviewActions value={v} t={t} onDone={refresh} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </div>
  );
}
