/**
 * The obligations CSV round trip in the place panel: download the sheet, fill
 * in new_status / new_progress / note, upload it, read the dry run row by row,
 * then file every accepted row with one click.
 */
import { useState, type ChangeEvent } from "react";
import { gql } from "../../api/client.ts";
import { graphql } from "../../api/gql/index.ts";
import type { ObligationsUploadImportMutation } from "../../api/gql/graphql.ts";
import { ErrorMessage } from "../../ui/common.tsx";
import { useI18n } from "../../i18n/context.tsx";
import { importProblemText } from "./import-problem-text.ts";

// problemCode and its values: the refusal is said in the reader's language (problem is the server's English)
const IMPORT_OBLIGATION_REPORTS = graphql(`
  mutation ObligationsUploadImport($content: String!, $placeId: ID, $dryRun: Boolean!) {
    importReports(content: $content, placeId: $placeId, dryRun: $dryRun) {
      dryRun filed refused unchanged
      rows { row taskId status progress problem problemCode problemField problemValue problemPlaceId problemDepartmentId problemLimit }
    }
  }
`);
type ReportImportResult = ObligationsUploadImportMutation["importReports"];

export interface ObligationsUploadProps {
  placeId: string;
  /** the place's name in the reader's language, for refusals that name it */
  placeName?: string;
  onFiled: () => void;
}

export function ObligationsUpload({ placeId, placeName, onFiled }: ObligationsUploadProps) {
  const { t } = useI18n();
  const [content, setContent] = useState<string | null>(null);
  const [fileName, setFileName] = useState("");
  const [result, setResult] = useState<ReportImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async (text: string, dryRun: boolean) => {
    setBusy(true);
    setError(null);
    setFailure(null);
    try {
      const d = await gql(IMPORT_OBLIGATION_REPORTS, { content: text, placeId, dryRun });
      setResult(d.importReports);
      if (!dryRun) {
        setContent(null);
        onFiled();
      }
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    setFileName(file.name);
    setResult(null);
    const text = await file.text();
    setContent(text);
    await run(text, true);
  };
  const shown = result?.rows.filter((r) => r.status || r.problem) ?? [];
  const names = { place: (id: string) => (id === placeId ? placeName : undefined) };

  return (
    <section className="panel-section csv-upload no-print" aria-label={t("upload.title")}>
      <h3>{t("upload.title")}</h3>
      <p className="small muted">{t("upload.hint")}</p>
      <label className="btn btn-small file-button">
        <input type="file" accept=".csv,text/csv" className="visually-hidden" onChange={onFile} />
        {t("upload.choose")}
      </label>
      {fileName && <span className="small muted"> {fileName}</span>}
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
      {result && (
        <div className="upload-result" role="status">
          <p className="small">
            <strong>{t(result.dryRun ? "upload.dryRun" : "upload.done")}</strong>{" "}
            {t("upload.counts", { filed: result.filed, refused: result.refused, unchanged: result.unchanged })}
          </p>
          {shown.length > 0 && (
            <table className="data-table upload-rows">
              <thead>
                <tr>
                  <th scope="col">{t("upload.row")}</th>
                  <th scope="col">{t("upload.task")}</th>
                  <th scope="col">{t("upload.outcome")}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <tr key={r.row} className={r.problem ? "refused" : "filed"}>
                    <td>{r.row}</td>
                    <td>{r.taskId ?? "—"}</td>
                    <td>
                      {r.problem ? (
                        <>
                          <span className="pill outcome-refused">{t("upload.refused")}</span>{" "}
                          <span className="problem">{importProblemText(r, t, names)}</span>
                        </>
                      ) : (
                        <>
                          <span className="pill outcome-filed">
                            {t(result.dryRun ? "upload.wouldFile" : "upload.filed")}
                          </span>{" "}
                          {r.status ? t(`status.${r.status}`) : ""}
                          {r.progress != null ? ` · ${r.progress}%` : ""}
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {result.dryRun && content && result.filed > 0 && (
            <button
              type="button"
              className="btn btn-small btn-primary"
              disabled={busy}
              onClick={() => run(content, false)}
            >
              {t("upload.submit", { count: result.filed })}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
