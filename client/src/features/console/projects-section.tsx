/**
 * The planners' console, projects: create or edit one project, with the position it will get
 * (geocoded place or given coordinates) and its precision shown before saving; and import a
 * CSV or GeoJSON file, its dry run read row by row before committing.
 */
import { useState, type ChangeEvent, type FormEvent } from "react";
import { gql } from "../../api/client.ts";
import { graphql } from "../../api/gql/index.ts";
import type {
  ConsoleGeocodeQuery,
  ConsoleImportProjectsMutation,
  ConsolePlaceAtQuery,
  GeoPrecision,
  ProjectCategory,
  Script,
} from "../../api/gql/graphql.ts";
import { pickName, scriptFor, type Lang, type MessageKey, type Translate } from "../../i18n/index.ts";
import { ErrorMessage, TableScroll } from "../../ui/common.tsx";

const GEOCODE = graphql(`
  query ConsoleGeocode($address: String!, $script: Script!) {
    geocode(address: $address) { alias precision positionSource citywide place { id name(script: $script) nameEn centroid } }
  }
`);
const PLACE_AT = graphql(`
  query ConsolePlaceAt($lng: Float!, $lat: Float!, $script: Script!) {
    placesAt(lng: $lng, lat: $lat) { id name(script: $script) nameEn kind }
  }
`);
const PROJECT = graphql(`
  query ConsoleProject($id: ID!, $script: Script!) {
    project(id: $id) {
      id name(script: $script) nameEn category precision positionSource startYear endYear investmentCny reference
      tasks { id } places { id name(script: $script) nameEn }
    }
  }
`);
const UPSERT = graphql(`
  mutation ConsoleUpsertProject($input: ProjectInput!, $script: Script!) {
    upsertProject(input: $input) { id name(script: $script) precision positionSource places { id name(script: $script) nameEn } }
  }
`);
const IMPORT = graphql(`
  mutation ConsoleImportProjects($format: ImportFormat!, $content: String!, $dryRun: Boolean!, $script: Script!) {
    importProjects(format: $format, content: $content, dryRun: $dryRun) {
      dryRun created updated
      rows { row line id name action precision positionSource lng lat place { id name(script: $script) nameEn } problems { field message } }
    }
  }
`);

const CATEGORIES: ProjectCategory[] = [
  "INDUSTRIAL_TRANSFORMATION",
  "ECOLOGICAL_RESTORATION",
  "URBAN_RURAL_INTEGRATION",
  "LIVELIHOOD",
];

/** What the reader is told about a position before saving. */
type Preview =
  | { kind: "place"; result: NonNullable<ConsoleGeocodeQuery["geocode"]> }
  | { kind: "point"; lng: number; lat: number; places: ConsolePlaceAtQuery["placesAt"] }
  | { kind: "none" };

interface Form {
  id: string | null;
  name: string;
  nameEn: string;
  taskIds: string;
  category: ProjectCategory | "";
  by: "place" | "point" | "keep";
  placeName: string;
  lng: string;
  lat: string;
  startYear: string;
  endYear: string;
  investmentCny: string;
  reference: string;
}

const EMPTY: Form = {
  id: null,
  name: "",
  nameEn: "",
  taskIds: "",
  category: "",
  by: "place",
  placeName: "",
  lng: "",
  lat: "",
  startYear: "",
  endYear: "",
  investmentCny: "",
  reference: "",
};

function positionKey(f: Form): string {
  return f.by === "place"
    ? `place:${f.placeName.trim()}`
    : f.by === "point"
      ? `point:${f.lng.trim()},${f.lat.trim()}`
      : "keep";
}

function coords(lng: number, lat: number): string {
  return `${lng.toFixed(5)}, ${lat.toFixed(5)}`;
}

export function PrecisionText({ precision, t }: { precision: GeoPrecision; t: Translate }) {
  return <span className={`precision precision-${precision.toLowerCase()}`}>{t(`precision.${precision}`)}</span>;
}

function PreviewBox({ preview, lang, t }: { preview: Preview; lang: Lang; t: Translate }) {
  if (preview.kind === "none") return <p className="muted small">{t("consoleB.preview.none")}</p>;
  if (preview.kind === "place") {
    const g = preview.result;
    const [lng, lat] = g.place.centroid.type === "Point" ? g.place.centroid.coordinates : [NaN, NaN];
    return (
      <div className="position-preview" data-testid="position-preview">
        <p>{t("consoleB.preview.place", { place: pickName(lang, g.place.name, g.place.nameEn), alias: g.alias })}</p>
        <p>
          {t("consoleB.preview.precision")}:{" "}
          <strong>
            <PrecisionText precision={g.precision} t={t} />
          </strong>
        </p>
        {g.citywide ? (
          <p className="citywide-note">{t("consoleB.preview.citywide")}</p>
        ) : (
          <p>{t("consoleB.preview.drawnAt", { coords: coords(lng, lat) })}</p>
        )}
      </div>
    );
  }
  const inner = preview.places.find((p) => p.kind !== "CITY") ?? preview.places[0];
  return (
    <div className="position-preview" data-testid="position-preview">
      <p>{t("consoleB.preview.drawnAt", { coords: coords(preview.lng, preview.lat) })}</p>
      <p>
        {t("consoleB.preview.precision")}:{" "}
        <strong>
          <PrecisionText precision="NEAR" t={t} />
        </strong>
      </p>
      <p>
        {inner
          ? t("consoleB.preview.fallsIn", { place: pickName(lang, inner.name, inner.nameEn) })
          : t("consoleB.preview.outside")}
      </p>
    </div>
  );
}

function ProjectForm({ lang, t }: { lang: Lang; t: Translate }) {
  const script: Script = scriptFor(lang);
  const [form, setForm] = useState<Form>(EMPTY);
  const [preview, setPreview] = useState<{ key: string; value: Preview } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<{ id: string; name: string } | null>(null);
  const [editId, setEditId] = useState("");
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const key = positionKey(form);
  const previewed = form.by === "keep" || (preview?.key === key && preview.value.kind !== "none");

  const locate = async () => {
    setBusy(true);
    setFailure(null);
    try {
      if (form.by === "place") {
        const d = await gql(GEOCODE, { address: form.placeName, script });
        setPreview({ key, value: d.geocode ? { kind: "place", result: d.geocode } : { kind: "none" } });
      } else if (form.by === "point") {
        const lng = Number(form.lng);
        const lat = Number(form.lat);
        const d = await gql(PLACE_AT, { lng, lat, script });
        setPreview({ key, value: { kind: "point", lng, lat, places: d.placesAt } });
      }
    } catch (err) {
      setFailure(err);
      setPreview(null);
    } finally {
      setBusy(false);
    }
  };

  const load = async () => {
    if (!editId.trim()) return;
    setBusy(true);
    setFailure(null);
    setSaved(null);
    try {
      const d = await gql(PROJECT, { id: editId.trim(), script });
      const p = d.project;
      if (!p) {
        setFailure(new Error(t("consoleB.project.notFound", { id: editId.trim() })));
        return;
      }
      setForm({
        id: p.id,
        name: p.name,
        nameEn: p.nameEn ?? "",
        taskIds: p.tasks.map((x) => x.id).join("; "),
        category: p.category ?? "",
        by: "keep",
        placeName: "",
        lng: "",
        lat: "",
        startYear: p.startYear?.toString() ?? "",
        endYear: p.endYear?.toString() ?? "",
        investmentCny: p.investmentCny?.toString() ?? "",
        reference: p.reference ?? "",
      });
      setPreview(null);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!previewed) return;
    setBusy(true);
    setFailure(null);
    const num = (s: string) => (s.trim() === "" ? undefined : Number(s));
    const input = {
      ...(form.id ? { id: form.id } : {}),
      name: form.name,
      nameEn: form.nameEn.trim() || undefined,
      taskIds: form.taskIds.split(/[;,\s]+/).filter(Boolean),
      category: form.category || undefined,
      ...(form.by === "place" ? { placeName: form.placeName } : {}),
      ...(form.by === "point"
        ? { geometry: { type: "Point" as const, coordinates: [Number(form.lng), Number(form.lat)] } }
        : {}),
      startYear: num(form.startYear),
      endYear: num(form.endYear),
      investmentCny: num(form.investmentCny),
      reference: form.reference.trim() || undefined,
    };
    try {
      const d = await gql(UPSERT, { input, script });
      setSaved(d.upsertProject);
      setForm((f) => ({ ...f, id: d.upsertProject.id, by: "keep" }));
      setEditId(d.upsertProject.id);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel-section console-project" aria-labelledby="console-project-title">
      <h3 id="console-project-title">
        {form.id ? t("consoleB.project.editTitle", { id: form.id }) : t("consoleB.project.newTitle")}
      </h3>
      <div className="console-row">
        <label className="field">
          <span className="field-label">{t("consoleB.project.editId")}</span>
          <input type="text" value={editId} onChange={(e) => setEditId(e.target.value)} />
        </label>
        <button type="button" className="btn btn-small" disabled={busy || !editId.trim()} onClick={load}>
          {t("consoleB.project.load")}
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={busy}
          onClick={() => {
            setForm(EMPTY);
            setPreview(null);
            setSaved(null);
            setEditId("");
          }}
        >
          {t("consoleB.project.new")}
        </button>
      </div>
      <form className="console-form" onSubmit={save}>
        <label className="field">
          <span className="field-label">{t("consoleB.project.name")}</span>
          <input type="text" required value={form.name} onChange={(e) => set({ name: e.target.value })} />
        </label>
        <label className="field">
          <span className="field-label">{t("consoleB.project.nameEn")}</span>
          <input type="text" value={form.nameEn} onChange={(e) => set({ nameEn: e.target.value })} />
        </label>
        <label className="field">
          <span className="field-label">{t("consoleB.project.taskIds")}</span>
          <input
            type="text"
            required
            placeholder="matter-18; matter-28"
            value={form.taskIds}
            onChange={(e) => set({ taskIds: e.target.value })}
          />
        </label>
        <div className="field">
          <label className="field-label" htmlFor="console-project-category">
            {t("consoleB.project.category")}
          </label>
          <select
            id="console-project-category"
            value={form.category}
            onChange={(e) => set({ category: e.target.value as ProjectCategory | "" })}
          >
            <option value="">—</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="field">
          <legend className="field-label">{t("consoleB.project.position")}</legend>
          <div className="console-row">
            {form.id && (
              <label>
                <input type="radio" name="by" checked={form.by === "keep"} onChange={() => set({ by: "keep" })} />{" "}
                {t("consoleB.project.byKeep")}
              </label>
            )}
            <label>
              <input type="radio" name="by" checked={form.by === "place"} onChange={() => set({ by: "place" })} />{" "}
              {t("consoleB.project.byPlace")}
            </label>
            <label>
              <input type="radio" name="by" checked={form.by === "point"} onChange={() => set({ by: "point" })} />{" "}
              {t("consoleB.project.byPoint")}
            </label>
          </div>
          {form.by === "place" && (
            <label className="field">
              <span className="field-label">{t("consoleB.project.placeName")}</span>
              <input
                type="text"
                placeholder="清徐开发区"
                value={form.placeName}
                onChange={(e) => set({ placeName: e.target.value })}
              />
            </label>
          )}
          {form.by === "point" && (
            <div className="field-row">
              <label className="field">
                <span className="field-label">{t("consoleB.project.lng")}</span>
                <input type="number" step="any" value={form.lng} onChange={(e) => set({ lng: e.target.value })} />
              </label>
              <label className="field">
                <span className="field-label">{t("consoleB.project.lat")}</span>
                <input type="number" step="any" value={form.lat} onChange={(e) => set({ lat: e.target.value })} />
              </label>
            </div>
          )}
          {form.by !== "keep" && (
            <div>
              <button
                type="button"
                className="btn btn-small"
                disabled={busy || (form.by === "place" ? !form.placeName.trim() : !form.lng.trim() || !form.lat.trim())}
                onClick={locate}
              >
                {t("consoleB.project.locate")}
              </button>
            </div>
          )}
          {form.by !== "keep" && preview?.key === key && <PreviewBox preview={preview.value} lang={lang} t={t} />}
          {form.by !== "keep" && !previewed && <p className="muted small">{t("consoleB.project.locateFirst")}</p>}
        </fieldset>
        <div className="field-row">
          <label className="field">
            <span className="field-label">{t("consoleB.project.startYear")}</span>
            <input type="number" value={form.startYear} onChange={(e) => set({ startYear: e.target.value })} />
          </label>
          <label className="field">
            <span className="field-label">{t("consoleB.project.endYear")}</span>
            <input type="number" value={form.endYear} onChange={(e) => set({ endYear: e.target.value })} />
          </label>
        </div>
        <label className="field">
          <span className="field-label">{t("consoleB.project.investment")}</span>
          <input
            type="number"
            step="any"
            min="0"
            value={form.investmentCny}
            onChange={(e) => set({ investmentCny: e.target.value })}
          />
        </label>
        <label className="field">
          <span className="field-label">{t("consoleB.project.reference")}</span>
          <input type="text" value={form.reference} onChange={(e) => set({ reference: e.target.value })} />
        </label>
        <div>
          <button type="submit" className="btn btn-primary" disabled={busy || !previewed}>
            {t("consoleB.project.save")}
          </button>
        </div>
        {failure != null && (
          <p className="form-error" role="alert">
            <ErrorMessage error={failure} />
          </p>
        )}
        {saved && (
          <p className="notice notice-info" role="status">
            {t("consoleB.project.saved", { id: saved.id, name: saved.name })}
          </p>
        )}
      </form>
    </section>
  );
}

type ImportData = ConsoleImportProjectsMutation["importProjects"];

function ProblemText({ problem, t }: { problem: { field: string | null; message: string }; t: Translate }) {
  const label = problem.field ? t(`consoleB.column.${problem.field}` as MessageKey) : "";
  const known = problem.field && label !== `consoleB.column.${problem.field}`;
  return (
    <span className="problem">
      {known ? t("consoleB.import.problemIn", { column: label }) : t("consoleB.import.problemRow")}{" "}
      <details className="error-detail">
        <summary>{t("error.detail")}</summary>
        <span lang="en">{problem.message}</span>
      </details>
    </span>
  );
}

function ProjectImport({ lang, t }: { lang: Lang; t: Translate }) {
  const script: Script = scriptFor(lang);
  const [file, setFile] = useState<{ name: string; content: string; format: "CSV" | "GEOJSON" } | null>(null);
  const [result, setResult] = useState<ImportData | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async (f: NonNullable<typeof file>, dryRun: boolean) => {
    setBusy(true);
    setFailure(null);
    try {
      const d = await gql(IMPORT, { format: f.format, content: f.content, dryRun, script });
      setResult(d.importProjects);
    } catch (err) {
      setFailure(err);
      setResult(null);
    } finally {
      setBusy(false);
    }
  };
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    e.target.value = "";
    if (!chosen) return;
    const f = {
      name: chosen.name,
      content: await chosen.text(),
      format: /\.(geo)?json$/i.test(chosen.name) ? ("GEOJSON" as const) : ("CSV" as const),
    };
    setFile(f);
    setResult(null);
    await run(f, true);
  };
  const accepted = result ? result.created + result.updated : 0;

  return (
    <section className="panel-section console-import" aria-labelledby="console-import-title">
      <h3 id="console-import-title">{t("consoleB.import.title")}</h3>
      <p className="small muted">{t("consoleB.import.hint")}</p>
      <label className="btn btn-small file-button">
        <input
          type="file"
          accept=".csv,.geojson,.json,text/csv,application/geo+json,application/json"
          className="visually-hidden"
          onChange={onFile}
        />
        {t("consoleB.import.choose")}
      </label>
      {file && <span className="small muted"> {file.name}</span>}
      {failure != null && (
        <p className="form-error" role="alert">
          <ErrorMessage error={failure} />
        </p>
      )}
      {result && (
        <div className="upload-result" role="status">
          <p className="small">
            <strong>{t(result.dryRun ? "consoleB.import.dryRun" : "consoleB.import.done")}</strong>{" "}
            {t("consoleB.import.counts", {
              created: result.created,
              updated: result.updated,
              refused: result.rows.filter((r) => r.action === "REFUSED").length,
            })}
          </p>
          <TableScroll label={t("consoleB.import.title")}>
            <table className="data-table import-rows">
              <thead>
                <tr>
                  <th scope="col">{t("consoleB.import.row")}</th>
                  <th scope="col">{t("consoleB.import.id")}</th>
                  <th scope="col">{t("consoleB.import.name")}</th>
                  <th scope="col">{t("consoleB.import.position")}</th>
                  <th scope="col">{t("consoleB.import.outcome")}</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((r) => (
                  <tr key={r.row} className={r.action === "REFUSED" ? "refused" : "accepted"} data-row={r.row}>
                    <td className="num">{r.row}</td>
                    <td>{r.id ?? "—"}</td>
                    <td>{r.name ?? "—"}</td>
                    <td>
                      {r.place
                        ? pickName(lang, r.place.name, r.place.nameEn)
                        : r.lng != null && r.lat != null
                          ? coords(r.lng, r.lat)
                          : r.precision
                            ? t("consoleB.import.geometry")
                            : "—"}
                      {r.precision && (
                        <>
                          {" "}
                          · <PrecisionText precision={r.precision} t={t} />
                        </>
                      )}
                      {r.precision === "ADM2" && <> · {t("consoleB.import.listed")}</>}
                    </td>
                    <td>
                      <span className={`pill ${r.action === "REFUSED" ? "outcome-refused" : "outcome-filed"}`}>
                        {t(`consoleB.action.${r.action}` as MessageKey)}
                      </span>
                      {r.problems.map((p, i) => (
                        <div key={i}>
                          <ProblemText problem={p} t={t} />
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {result.dryRun && file && accepted > 0 && (
            <button
              type="button"
              className="btn btn-small btn-primary"
              disabled={busy}
              onClick={() => run(file, false)}
            >
              {t("consoleB.import.commit", { count: accepted })}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

/** The console's projects section: one project by hand, or many from a file. */
export function ProjectsSection({ lang, t }: { lang: Lang; t: Translate }) {
  return (
    <div className="console-section console-projects">
      <ProjectForm lang={lang} t={t} />
      <ProjectImport lang={lang} t={t} />
    </div>
  );
}
