/**
 * Console · yearly targets: pick a place, then one of its obligations, and set the progress it
 * is expected to reach by the end of each plan year (setObligationTargets). A blank year has
 * no target; targets never go down from one year to the next (the server says so by field).
 */
import { useState, type FormEvent } from "react";
import { graphql } from "../../api/gql/index.ts";
import { pickName, type Lang, type Translate } from "../../i18n/index.ts";
import { ErrorMessage, ErrorNotice, Notice } from "../../ui/common.tsx";
import type { ConsoleSectionProps } from "./section-props.ts";
import { run, useDoc } from "./console-api.ts";

export const TARGET_YEARS = [2013, 2014, 2015] as const;

const PLACES = graphql(`
  query ConsoleTargetPlaces($script: Script!) {
    places { id kind name(script: $script) nameEn }
  }
`);

const OBLIGATIONS = graphql(`
  query ConsoleObligations($id: ID!, $script: Script!) {
    place(id: $id) {
      id
      obligations(includeContained: false) {
        id dueYear
        task { id ref title(script: $script) titleEn }
        targets { year progress }
      }
    }
  }
`);

const SET_TARGETS = graphql(`
  mutation ConsoleSetTargets($taskId: ID!, $placeId: ID!, $targets: [YearTargetInput!]!) {
    setObligationTargets(taskId: $taskId, placeId: $placeId, targets: $targets) { id dueYear targets { year progress } }
  }
`);

type Target = { year: number; progress: number };

function TargetsForm({
  placeId,
  taskId,
  targets,
  t,
  onSaved,
}: {
  placeId: string;
  taskId: string;
  targets: Target[];
  t: Translate;
  onSaved: (saved: Target[]) => void;
}) {
  const [values, setValues] = useState<Record<number, string>>(() =>
    Object.fromEntries(TARGET_YEARS.map((y) => [y, String(targets.find((x) => x.year === y)?.progress ?? "")])),
  );
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const list = TARGET_YEARS.filter((y) => values[y].trim() !== "").map((y) => ({
        year: y,
        progress: Number(values[y]),
      }));
      const r = await run(SET_TARGETS, { taskId, placeId, targets: list });
      onSaved(r.setObligationTargets.targets);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="report-form console-form" aria-label={t("console.targets.form")} onSubmit={save} noValidate>
      <div className="console-years">
        {TARGET_YEARS.map((y) => (
          <label key={y} className="field field-narrow">
            <span className="field-label">{t("console.targets.year", { year: y })}</span>
            <input
              name={`target-${y}`}
              type="number"
              min={0}
              max={100}
              step={1}
              inputMode="numeric"
              value={values[y]}
              onChange={(e) => setValues({ ...values, [y]: e.target.value })}
            />
          </label>
        ))}
      </div>
      <p className="muted small">{t("console.targets.help")}</p>
      {failure != null && (
        <p className="form-error" role="alert">
          <ErrorMessage error={failure} />
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-small btn-primary" disabled={busy}>
          {t("console.save")}
        </button>
      </div>
    </form>
  );
}

function PlaceObligations({
  placeId,
  lang,
  script,
  t,
}: {
  placeId: string;
  lang: Lang;
  script: ConsoleSectionProps["script"];
  t: Translate;
}) {
  const q = useDoc(OBLIGATIONS, { id: placeId, script });
  const [taskId, setTaskId] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  if (q.error) return <ErrorNotice error={q.error} retry={q.retry} />;
  if (!q.data) return <Notice kind="loading">{t("app.loading")}</Notice>;
  const obligations = q.data.place?.obligations ?? [];
  const chosen = obligations.find((o) => o.task.id === taskId);
  const describe = (targets: Target[]) =>
    targets.length ? targets.map((x) => `${x.year}: ${x.progress}%`).join(" · ") : t("console.targets.none");
  return (
    <>
      <label className="field">
        <span className="field-label">{t("console.targets.obligation", { count: obligations.length })}</span>
        <select
          name="obligation"
          value={taskId}
          onChange={(e) => {
            setTaskId(e.target.value);
            setMessage(null);
          }}
        >
          <option value="">{t("console.choose")}</option>
          {obligations.map((o) => (
            <option key={o.id} value={o.task.id}>
              {o.task.ref} {pickName(lang, o.task.title, o.task.titleEn)}
            </option>
          ))}
        </select>
      </label>
      {chosen && (
        <>
          <p className="small console-targets-now" data-testid="targets-now">
            {t("console.targets.current")}: {describe(chosen.targets)}
          </p>
          <TargetsForm
            key={chosen.id}
            placeId={placeId}
            taskId={chosen.task.id}
            targets={chosen.targets}
            t={t}
            onSaved={(saved) => {
              setMessage(t("console.targets.saved", { targets: describe(saved) }));
              q.retry();
            }}
          />
        </>
      )}
      {message && (
        <p className="form-ok" role="status">
          {message}
        </p>
      )}
    </>
  );
}

export function TargetsSection({ lang, script, t }: ConsoleSectionProps) {
  const places = useDoc(PLACES, { script });
  const [placeId, setPlaceId] = useState("");
  const choices = (places.data?.places ?? []).filter((p) => p.kind !== "EXTERNAL");
  return (
    <div className="console-targets">
      <p className="muted small">{t("console.targets.intro")}</p>
      {places.error && <ErrorNotice error={places.error} retry={places.retry} />}
      <label className="field">
        <span className="field-label">{t("console.targets.place")}</span>
        <select name="targetPlace" value={placeId} onChange={(e) => setPlaceId(e.target.value)}>
          <option value="">{t("console.choose")}</option>
          {choices.map((p) => (
            <option key={p.id} value={p.id}>
              {pickName(lang, p.name, p.nameEn)}
            </option>
          ))}
        </select>
      </label>
      {placeId && <PlaceObligations key={placeId} placeId={placeId} lang={lang} script={script} t={t} />}
    </div>
  );
}
