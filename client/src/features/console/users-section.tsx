/**
 * Console · users: every account (Query.users), a new one (createUser), and per account its
 * name, role and places or department, a new password, and disabling or enabling it
 * (updateUser). Refusals are shown from their code and field (ui/error-text.ts).
 */
import { useState, type FormEvent } from "react";
import { graphql } from "../../api/gql/index.ts";
import type { Role, UpdateUserInput } from "../../api/gql/graphql.ts";
import { pickName, type Lang, type Translate } from "../../i18n/index.ts";
import { ErrorMessage, ErrorNotice, Notice } from "../../ui/common.tsx";
import type { ConsoleSectionProps } from "./section-props.ts";
import { run, useDoc } from "./console-api.ts";

const USERS = graphql(`
  query ConsoleUsers($script: Script!) {
    users { id username displayName role disabled places { id name(script: $script) nameEn } department { id name(script: $script) nameEn } }
    places { id kind name(script: $script) nameEn }
    departments { id name(script: $script) nameEn }
  }
`);

const CREATE_USER = graphql(`
  mutation ConsoleCreateUser($input: CreateUserInput!) {
    createUser(input: $input) { id username }
  }
`);

const UPDATE_USER = graphql(`
  mutation ConsoleUpdateUser($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) { id disabled role }
  }
`);

const ROLES: Role[] = ["PLANNER", "AREA_LEADER", "DEPARTMENT", "VIEWER"];
/** The places an area leader can answer for: county-level units, zones and new districts. */
const AREA_KINDS = new Set(["DISTRICT", "COUNTY", "COUNTY_CITY", "DEVELOPMENT_ZONE", "BONDED_ZONE", "NEW_DISTRICT"]);

interface Named {
  id: string;
  name: string;
  nameEn: string;
}
type Choices = { places: Named[]; departments: Named[] };
interface UserItem {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  places: Named[];
  department: Named | null;
}

/** Role, then its places (AREA_LEADER) or department (DEPARTMENT). */
function RoleFields({
  role,
  placeIds,
  departmentId,
  onRole,
  onPlaces,
  onDepartment,
  choices,
  lang,
  t,
}: {
  role: Role;
  placeIds: string[];
  departmentId: string;
  onRole: (r: Role) => void;
  onPlaces: (ids: string[]) => void;
  onDepartment: (id: string) => void;
  choices: Choices;
  lang: Lang;
  t: Translate;
}) {
  return (
    <>
      <label className="field">
        <span className="field-label">{t("console.user.role")}</span>
        <select name="role" value={role} onChange={(e) => onRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.user.${r}`)}
            </option>
          ))}
        </select>
      </label>
      {role === "AREA_LEADER" && (
        <label className="field">
          <span className="field-label">{t("console.user.places")}</span>
          <select
            name="places"
            multiple
            size={6}
            value={placeIds}
            onChange={(e) => onPlaces([...e.target.selectedOptions].map((o) => o.value))}
          >
            {choices.places.map((p) => (
              <option key={p.id} value={p.id}>
                {pickName(lang, p.name, p.nameEn)}
              </option>
            ))}
          </select>
        </label>
      )}
      {role === "DEPARTMENT" && (
        <label className="field">
          <span className="field-label">{t("console.user.department")}</span>
          <select name="department" value={departmentId} onChange={(e) => onDepartment(e.target.value)}>
            <option value="">{t("console.choose")}</option>
            {choices.departments.map((d) => (
              <option key={d.id} value={d.id}>
                {pickName(lang, d.name, d.nameEn)}
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  );
}

function CreateUserForm({
  choices,
  lang,
  t,
  onDone,
}: {
  choices: Choices;
  lang: Lang;
  t: Translate;
  onDone: (username: string) => void;
}) {
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("VIEWER");
  const [placeIds, setPlaceIds] = useState<string[]>([]);
  const [departmentId, setDepartmentId] = useState("");
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const input = {
        username: username.trim(),
        displayName: displayName.trim(),
        password,
        role,
        ...(role === "AREA_LEADER" ? { placeIds } : {}),
        ...(role === "DEPARTMENT" && departmentId ? { departmentId } : {}),
      };
      const r = await run(CREATE_USER, { input });
      setUsername("");
      setDisplayName("");
      setPassword("");
      setPlaceIds([]);
      onDone(r.createUser.username);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="report-form console-form" aria-label={t("console.user.create")} onSubmit={submit} noValidate>
      <h3 className="console-form-title">{t("console.user.create")}</h3>
      <div className="field-row">
        <label className="field">
          <span className="field-label">{t("console.user.username")}</span>
          <input name="username" autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">{t("console.user.displayName")}</span>
          <input
            name="displayName"
            autoComplete="off"
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
          />
        </label>
      </div>
      <label className="field">
        <span className="field-label">{t("console.user.password")}</span>
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <RoleFields
        role={role}
        placeIds={placeIds}
        departmentId={departmentId}
        onRole={setRole}
        onPlaces={setPlaceIds}
        onDepartment={setDepartmentId}
        choices={choices}
        lang={lang}
        t={t}
      />
      {failure != null && (
        <p className="form-error" role="alert">
          <ErrorMessage error={failure} />
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-small btn-primary" disabled={busy}>
          {t("console.user.createSubmit")}
        </button>
      </div>
    </form>
  );
}

function UserRow({
  item,
  self,
  choices,
  lang,
  t,
  onChanged,
}: {
  item: UserItem;
  self: boolean;
  choices: Choices;
  lang: Lang;
  t: Translate;
  onChanged: (message: string) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [displayName, setDisplayName] = useState(item.displayName);
  const [role, setRole] = useState<Role>(item.role);
  const [placeIds, setPlaceIds] = useState(item.places.map((p) => p.id));
  const [departmentId, setDepartmentId] = useState(item.department?.id ?? "");
  const [password, setPassword] = useState("");
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const change = async (input: UpdateUserInput, message: string) => {
    setBusy(true);
    setFailure(null);
    try {
      await run(UPDATE_USER, { id: item.id, input });
      onChanged(message);
      return true;
    } catch (err) {
      setFailure(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await change(
      {
        displayName,
        role,
        placeIds: role === "AREA_LEADER" ? placeIds : [],
        departmentId: role === "DEPARTMENT" ? departmentId || null : null,
      },
      t("console.user.saved", { username: item.username }),
    );
    if (ok) setEditing(false);
  };
  const reset = async (e: FormEvent) => {
    e.preventDefault();
    if (await change({ password }, t("console.user.passwordReset", { username: item.username }))) setPassword("");
  };
  const name = (n: Named) => pickName(lang, n.name, n.nameEn);
  return (
    <li className={`console-user${item.disabled ? " is-disabled" : ""}`} data-username={item.username}>
      <div className="console-user-head">
        <strong>{item.displayName}</strong> <span className="muted">@{item.username}</span>
        <span className="pill console-pill">{t(`role.user.${item.role}`)}</span>
        {item.disabled && <span className="pill console-pill console-pill-off">{t("console.user.disabled")}</span>}
      </div>
      {(item.places.length > 0 || item.department) && (
        <p className="muted small console-user-assigned">
          {[...item.places.map(name), ...(item.department ? [name(item.department)] : [])].join("、")}
        </p>
      )}
      <div className="console-actions">
        <button type="button" className="btn btn-small" aria-expanded={editing} onClick={() => setEditing(!editing)}>
          {t("console.user.edit")}
        </button>
        {!self && (
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            onClick={() =>
              change(
                { disabled: !item.disabled },
                t(item.disabled ? "console.user.enabledDone" : "console.user.disabledDone", {
                  username: item.username,
                }),
              )
            }
          >
            {t(item.disabled ? "console.user.enable" : "console.user.disable")}
          </button>
        )}
      </div>
      {editing && (
        <>
          <form
            className="report-form console-form"
            aria-label={t("console.user.editTitle", { username: item.username })}
            onSubmit={save}
            noValidate
          >
            <label className="field">
              <span className="field-label">{t("console.user.displayName")}</span>
              <input name="displayName" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
            </label>
            <RoleFields
              role={role}
              placeIds={placeIds}
              departmentId={departmentId}
              onRole={setRole}
              onPlaces={setPlaceIds}
              onDepartment={setDepartmentId}
              choices={choices}
              lang={lang}
              t={t}
            />
            <div className="form-actions">
              <button type="submit" className="btn btn-small btn-primary" disabled={busy}>
                {t("console.save")}
              </button>
            </div>
          </form>
          <form
            className="report-form console-form"
            aria-label={t("console.user.resetTitle", { username: item.username })}
            onSubmit={reset}
            noValidate
          >
            <label className="field">
              <span className="field-label">{t("console.user.newPassword")}</span>
              <input
                name="newPassword"
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
            <div className="form-actions">
              <button type="submit" className="btn btn-small" disabled={busy}>
                {t("console.user.resetSubmit")}
              </button>
            </div>
          </form>
        </>
      )}
      {failure != null && (
        <p className="form-error" role="alert">
          <ErrorMessage error={failure} />
        </p>
      )}
    </li>
  );
}

export function UsersSection({ user, lang, script, t }: ConsoleSectionProps) {
  const q = useDoc(USERS, { script });
  const [message, setMessage] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const changed = (m: string) => {
    setMessage(m);
    setVersion((v) => v + 1);
    q.retry();
  };
  const data = q.data;
  const choices: Choices = {
    places: (data?.places ?? []).filter((p) => AREA_KINDS.has(p.kind)),
    departments: data?.departments ?? [],
  };
  return (
    <div className="console-users">
      {q.error && <ErrorNotice error={q.error} retry={q.retry} />}
      {!data && q.loading && <Notice kind="loading">{t("app.loading")}</Notice>}
      {message && (
        <p className="form-ok" role="status">
          {message}
        </p>
      )}
      {data && (
        <CreateUserForm
          choices={choices}
          lang={lang}
          t={t}
          onDone={(u) => changed(t("console.user.created", { username: u }))}
        />
      )}
      {data && (
        <>
          <h3 className="console-form-title">{t("console.user.list", { count: data.users.length })}</h3>
          <ul className="console-list">
            {data.users.map((u) => (
              <UserRow
                key={`${u.id}:${version}`}
                item={u}
                self={u.id === user.id}
                choices={choices}
                lang={lang}
                t={t}
                onChanged={changed}
              />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
