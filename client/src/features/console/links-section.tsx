/**
 * Console · links: the linker's uncertain matches (Query.linkCandidates) with the words that
 * made each, to confirm (linkTaskToPlace with the same role: the link becomes curated) or
 * reject (unlinkTaskFromPlace); and one task's links, to add one with a note or remove one.
 * Every change brings the obligations along on the server (syncObligations).
 */
import { useState, type FormEvent } from "react";
import { graphql } from "../../api/gql/index.ts";
import type { ConsoleTasksQuery, PlaceRole } from "../../api/gql/graphql.ts";
import { useAsync } from "../../api/use-query.ts";
import { pickName, type Lang, type Translate } from "../../i18n/index.ts";
import { ErrorMessage, ErrorNotice, Notice } from "../../ui/common.tsx";
import { evidenceRanges } from "../task/evidence.ts";
import type { ConsoleSectionProps } from "./section-props.ts";
import { run, useDoc } from "./console-api.ts";

const CANDIDATES = graphql(`
  query ConsoleLinkCandidates($script: Script!) {
    linkCandidates(first: 100) {
      totalCount
      nodes {
        role
        task { id ref title(script: $script) titleEn text(script: $script) source { start } }
        place { id name(script: $script) nameEn }
        evidence { start end text(script: $script) }
      }
    }
  }
`);

const TASKS = graphql(`
  query ConsoleTasks($script: Script!, $after: String) {
    tasks(first: 100, after: $after) { nodes { id ref title(script: $script) titleEn } pageInfo { hasNextPage endCursor } }
  }
`);

const TASK_LINKS = graphql(`
  query ConsoleTaskLinks($id: ID!, $script: Script!) {
    task(id: $id) {
      id
      places { role curated note place { id name(script: $script) nameEn } evidence { text(script: $script) } }
    }
    places { id kind name(script: $script) nameEn }
  }
`);

const LINK = graphql(`
  mutation ConsoleLink($input: LinkTaskToPlaceInput!) {
    linkTaskToPlace(input: $input) { role curated note }
  }
`);

const UNLINK = graphql(`
  mutation ConsoleUnlink($taskId: ID!, $placeId: ID!, $note: String) {
    unlinkTaskFromPlace(taskId: $taskId, placeId: $placeId, note: $note)
  }
`);

const ROLES: PlaceRole[] = ["SUBJECT", "PILOT", "APPLIES", "MENTION", "LEAD"];

/** The evidence in its sentence: a few characters either side, the matched words marked. */
function EvidenceSnippet({
  text,
  sourceStart,
  evidence,
}: {
  text: string;
  sourceStart: number;
  evidence: { start: number; end: number; text: string };
}) {
  const [range] = evidenceRanges(text, sourceStart, [evidence]);
  if (!range) return <mark className="ev-words">{evidence.text}</mark>;
  const from = Math.max(0, range.start - 24);
  const to = Math.min(text.length, range.end + 24);
  return (
    <span className="console-evidence">
      {from > 0 ? "…" : ""}
      {text.slice(from, range.start)}
      <mark className="ev-words">{text.slice(range.start, range.end)}</mark>
      {text.slice(range.end, to)}
      {to < text.length ? "…" : ""}
    </span>
  );
}

type Candidate = NonNullable<ReturnType<typeof useCandidates>["data"]>["linkCandidates"]["nodes"][number];

function useCandidates(script: ConsoleSectionProps["script"]) {
  return useDoc(CANDIDATES, { script });
}

function CandidateItem({
  c,
  lang,
  t,
  onDone,
  onOpenTask,
}: {
  c: Candidate;
  lang: Lang;
  t: Translate;
  onDone: (message: string) => void;
  onOpenTask: (id: string) => void;
}) {
  const [note, setNote] = useState("");
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const place = pickName(lang, c.place.name, c.place.nameEn);
  const decide = async (confirm: boolean) => {
    setBusy(true);
    setFailure(null);
    try {
      if (confirm)
        await run(LINK, { input: { taskId: c.task.id, placeId: c.place.id, role: c.role, note: note.trim() || null } });
      else await run(UNLINK, { taskId: c.task.id, placeId: c.place.id, note: note.trim() || null });
      onDone(t(confirm ? "console.links.confirmed" : "console.links.rejected", { task: c.task.ref, place }));
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="console-candidate" data-link={`${c.task.id}|${c.place.id}`}>
      <button type="button" className="link obligation-title" onClick={() => onOpenTask(c.task.id)}>
        <span className="ref">{c.task.ref}</span> {pickName(lang, c.task.title, c.task.titleEn)}
      </button>
      <p className="small">
        → <strong>{place}</strong> <span className="muted">({t(`role.${c.role}`)})</span>
      </p>
      {c.evidence && (
        <p className="small console-evidence-line">
          <span className="muted">{t("console.links.evidence")}: </span>
          <EvidenceSnippet text={c.task.text} sourceStart={c.task.source.start} evidence={c.evidence} />
        </p>
      )}
      <div className="review-actions">
        <input
          type="text"
          className="review-note"
          aria-label={t("console.links.note")}
          placeholder={t("console.links.note")}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={() => decide(true)}>
          {t("console.links.confirm")}
        </button>
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => decide(false)}>
          {t("console.links.reject")}
        </button>
      </div>
      {failure != null && (
        <p className="form-error" role="alert">
          <ErrorMessage error={failure} />
        </p>
      )}
    </li>
  );
}

function TaskLinks({
  taskId,
  lang,
  script,
  t,
  onChanged,
}: {
  taskId: string;
  lang: Lang;
  script: ConsoleSectionProps["script"];
  t: Translate;
  onChanged: (message: string) => void;
}) {
  const q = useDoc(TASK_LINKS, { id: taskId, script });
  const [placeId, setPlaceId] = useState("");
  const [role, setRole] = useState<PlaceRole>("SUBJECT");
  const [note, setNote] = useState("");
  const [removeNote, setRemoveNote] = useState("");
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const act = async (work: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setFailure(null);
    try {
      await work();
      onChanged(message);
      q.retry();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  const placeName = (id: string) => {
    const p = q.data?.places.find((x) => x.id === id);
    return p ? pickName(lang, p.name, p.nameEn) : id;
  };
  const add = (e: FormEvent) => {
    e.preventDefault();
    if (!placeId) {
      setFailure(null);
      return;
    }
    void act(
      async () => {
        await run(LINK, { input: { taskId, placeId, role, note: note.trim() || null } });
        setNote("");
      },
      t("console.links.added", { place: placeName(placeId) }),
    );
  };
  if (q.error) return <ErrorNotice error={q.error} retry={q.retry} />;
  if (!q.data) return <Notice kind="loading">{t("app.loading")}</Notice>;
  const links = q.data.task?.places ?? [];
  return (
    <div className="console-task-links">
      <table className="data-table">
        <caption>{t("console.links.current", { count: links.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("console.links.place")}</th>
            <th scope="col">{t("console.links.role")}</th>
            <th scope="col">{t("console.links.note")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("console.links.remove")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {links.map((l) => (
            <tr key={`${l.place.id}|${l.role}`} data-place={l.place.id}>
              <th scope="row">{pickName(lang, l.place.name, l.place.nameEn)}</th>
              <td>
                {t(`role.${l.role}`)}
                {l.curated ? ` · ${t("console.links.curated")}` : ""}
              </td>
              <td>{l.note ?? (l.evidence ? <mark className="ev-words">{l.evidence.text}</mark> : "")}</td>
              <td>
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={busy}
                  aria-label={`${t("console.links.remove")}: ${pickName(lang, l.place.name, l.place.nameEn)}`}
                  onClick={() =>
                    act(
                      () => run(UNLINK, { taskId, placeId: l.place.id, note: removeNote.trim() || null }),
                      t("console.links.removed", { place: pickName(lang, l.place.name, l.place.nameEn) }),
                    )
                  }
                >
                  {t("console.links.remove")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="field console-remove-note">
        <span className="field-label">{t("console.links.removeNote")}</span>
        <input name="removeNote" value={removeNote} onChange={(e) => setRemoveNote(e.target.value)} />
      </label>
      <form className="report-form console-form" aria-label={t("console.links.add")} onSubmit={add} noValidate>
        <h3 className="console-form-title">{t("console.links.add")}</h3>
        <div className="field-row">
          <label className="field">
            <span className="field-label">{t("console.links.place")}</span>
            <select name="place" value={placeId} onChange={(e) => setPlaceId(e.target.value)}>
              <option value="">{t("console.choose")}</option>
              {q.data.places.map((p) => (
                <option key={p.id} value={p.id}>
                  {pickName(lang, p.name, p.nameEn)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t("console.links.role")}</span>
            <select name="role" value={role} onChange={(e) => setRole(e.target.value as PlaceRole)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label className="field">
          <span className="field-label">{t("console.links.note")}</span>
          <input name="note" value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <div className="form-actions">
          <button type="submit" className="btn btn-small btn-primary" disabled={busy || !placeId}>
            {t("console.links.addSubmit")}
          </button>
        </div>
      </form>
      {failure != null && (
        <p className="form-error" role="alert">
          <ErrorMessage error={failure} />
        </p>
      )}
    </div>
  );
}

/** Every task of the plan, for the picker (pages of 100). */
function useAllTasks(script: ConsoleSectionProps["script"]) {
  return useAsync(`console-tasks:${script}`, async () => {
    const out: { id: string; ref: string; title: string; titleEn: string }[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const r: ConsoleTasksQuery = await run(TASKS, { script, after });
      out.push(...r.tasks.nodes);
      if (!r.tasks.pageInfo.hasNextPage) break;
      after = r.tasks.pageInfo.endCursor;
    }
    return out;
  });
}

export function LinksSection({ lang, script, t, onOpenTask }: ConsoleSectionProps) {
  const candidates = useCandidates(script);
  const tasks = useAllTasks(script);
  const [taskId, setTaskId] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const changed = (m: string) => {
    setMessage(m);
    candidates.retry();
  };
  const list = candidates.data?.linkCandidates;
  return (
    <div className="console-links">
      {message && (
        <p className="form-ok" role="status">
          {message}
        </p>
      )}
      <h3 className="console-form-title">{t("console.links.taskLinks")}</h3>
      {tasks.error && <ErrorNotice error={tasks.error} retry={tasks.retry} />}
      <label className="field">
        <span className="field-label">{t("console.links.task")}</span>
        <select name="task" value={taskId} onChange={(e) => setTaskId(e.target.value)}>
          <option value="">{t("console.choose")}</option>
          {(tasks.data ?? []).map((x) => (
            <option key={x.id} value={x.id}>
              {x.ref} {pickName(lang, x.title, x.titleEn)}
            </option>
          ))}
        </select>
      </label>
      {taskId && <TaskLinks key={taskId} taskId={taskId} lang={lang} script={script} t={t} onChanged={changed} />}

      <h3 className="console-form-title">{t("console.links.uncertain", { count: list?.totalCount ?? 0 })}</h3>
      <p className="muted small">{t("console.links.uncertainHelp")}</p>
      {candidates.error && <ErrorNotice error={candidates.error} retry={candidates.retry} />}
      {!list && candidates.loading && <Notice kind="loading">{t("app.loading")}</Notice>}
      {list && list.nodes.length === 0 && <p className="muted">{t("console.links.none")}</p>}
      {list && list.nodes.length > 0 && (
        <ol className="reports console-list">
          {list.nodes.map((c) => (
            <CandidateItem
              key={`${c.task.id}|${c.place.id}|${c.role}`}
              c={c}
              lang={lang}
              t={t}
              onDone={changed}
              onOpenTask={onOpenTask}
            />
          ))}
        </ol>
      )}
    </div>
  );
}
