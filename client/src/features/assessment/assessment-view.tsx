/**
 * The annual assessment (考核评价, issue 17): for one plan year, Query.assessment as a table, a CSV
 * download (the server's /export/assessment/<year>.csv, the same service) and, for planners, the
 * finalization of one area's year with a note. The map colours the areas by score (app.tsx).
 */
import { useState } from "react";
import { gql } from "../../api/client.ts";
import { graphql } from "../../api/gql/index.ts";
import type { Script, SessionUser } from "../../api/types.ts";
import type { QueryState } from "../../api/use-query.ts";
import type { AssessmentData } from "./use-assessment.ts";
import { pickName } from "../../i18n/index.ts";
import { ErrorMessage, ErrorNotice, Notice, TableScroll, formatDate } from "../../ui/common.tsx";
import { useI18n } from "../../i18n/context.tsx";

export const PLAN_YEARS = [2013, 2014, 2015] as const;

const FINALIZE = graphql(`
  mutation FinalizeAssessment($year: Int!, $placeId: ID!, $note: String) {
    finalizeAssessment(year: $year, placeId: $placeId, note: $note) { year finalizedAt }
  }
`);
export type AssessmentRowData = AssessmentData["assessment"][number];

export interface AssessmentViewProps {
  year: number;
  onYear: (year: number) => void;
  query: QueryState<AssessmentData>;
  user: SessionUser | null;
  script: Script;
  onOpenPlace: (id: string) => void;
  onHoverPlace: (id: string | null) => void;
}

function FinalizeForm({ row, onDone }: { row: AssessmentRowData; onDone: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  if (!open)
    return (
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
        {t("assessment.finalize")}
      </button>
    );
  const submit = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await gql(FINALIZE, { year: row.year, placeId: row.place.id, note: note.trim() || null });
      onDone();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="finalize-form">
      <input
        type="text"
        aria-label={t("assessment.note")}
        placeholder={t("assessment.note")}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={submit}>
        {t("assessment.confirm")}
      </button>
      {failure != null && (
        <p className="form-error" role="alert">
          <ErrorMessage error={failure} />
        </p>
      )}
    </div>
  );
}

export function AssessmentView({ year, onYear, query, user, script, onOpenPlace, onHoverPlace }: AssessmentViewProps) {
  const { t, lang } = useI18n();
  const rows = query.data?.assessment;
  const planner = user?.role === "PLANNER";
  const csvHref = `/export/assessment/${year}.csv${script === "HANT" ? "?script=HANT" : ""}`;
  return (
    <div className="panel assessment-view">
      <h2 className="section-title">{t("assessment.title", { year })}</h2>
      <div className="assessment-tools">
        <label>
          {t("assessment.year")}{" "}
          <select value={year} onChange={(e) => onYear(Number(e.target.value))}>
            {PLAN_YEARS.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>{" "}
        <a className="btn btn-small" href={csvHref} download={`assessment-${year}.csv`}>
          {t("assessment.csv")}
        </a>
      </div>
      <p className="muted small">{t("assessment.rule")}</p>
      {query.error && <ErrorNotice error={query.error} retry={query.retry} />}
      {!rows && query.loading && <Notice kind="loading">{t("app.loading")}</Notice>}
      {rows && (
        <TableScroll label={t("assessment.title", { year })}>
          <table className="assessment-table" data-year={rows[0]?.year} aria-busy={query.loading}>
            <caption className="visually-hidden">{t("assessment.title", { year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("assessment.place")}</th>
                <th scope="col">{t("assessment.due")}</th>
                <th scope="col">{t("assessment.met")}</th>
                <th scope="col">{t("assessment.metLate")}</th>
                <th scope="col">{t("assessment.delayed")}</th>
                <th scope="col">{t("assessment.notReported")}</th>
                <th scope="col">{t("assessment.score")}</th>
                <th scope="col">{t("assessment.finalized")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={r.place.id}
                  data-place-id={r.place.id}
                  onMouseEnter={() => onHoverPlace(r.place.id)}
                  onMouseLeave={() => onHoverPlace(null)}
                >
                  <th scope="row">
                    <button type="button" className="link" onClick={() => onOpenPlace(r.place.id)}>
                      {pickName(lang, r.place.name, r.place.nameEn)}
                    </button>
                  </th>
                  <td>{r.due}</td>
                  <td>{r.met}</td>
                  <td>{r.metLate}</td>
                  <td>{r.delayed}</td>
                  <td>{r.notReported}</td>
                  <td>{r.score == null ? "—" : `${Math.round(r.score * 100)}%`}</td>
                  <td className="finalized-cell">
                    {r.finalizedAt ? (
                      <span className="finalized">
                        {t("assessment.finalizedBy", {
                          date: formatDate(r.finalizedAt, lang),
                          name: r.finalizedBy?.displayName ?? "",
                        })}
                        {r.note ? ` · ${r.note}` : ""}
                      </span>
                    ) : planner ? (
                      <FinalizeForm row={r} onDone={query.retry} />
                    ) : (
                      <span className="muted">{t("assessment.live")}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
