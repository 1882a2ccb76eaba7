/** All SQL about accounts, their places and their sessions. */
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../../db/database.ts";
import { anyText } from "../../db/any-of.ts";
import type { SessionUser } from "../../core/actor.ts";

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: SessionUser["role"];
  departmentId: string | null;
  placeIds: string[];
  disabled: boolean;
}

/** Account `u` as a UserRow (its places sorted, none as an empty list). */
const USER_COLUMNS = sql`u.id::text as id, u.username, u.display_name as "displayName", u.role, u.department_id as "departmentId", u.disabled,
  coalesce((select array_agg(up.place_id order by up.place_id) from user_place up where up.user_id = u.id), '{}') as "placeIds"`;

export async function findUsersByIds(db: Db, ids: readonly string[]): Promise<UserRow[]> {
  const r = await sql<UserRow>`select ${USER_COLUMNS} from app_user u where u.id = any(${[...ids]}::bigint[])`.execute(
    db,
  );
  return r.rows;
}

/** Every account, by username. */
export async function findAllUsers(db: Db): Promise<UserRow[]> {
  const r = await sql<UserRow>`select ${USER_COLUMNS} from app_user u order by u.username`.execute(db);
  return r.rows;
}

/** The account with this (lower-case) username and its password hash, for signing in. */
export async function findUserForLogin(
  db: Db,
  username: string,
): Promise<(UserRow & { passwordHash: string }) | undefined> {
  const r = await sql<UserRow & { passwordHash: string }>`
    select ${USER_COLUMNS}, u.password_hash as "passwordHash" from app_user u where u.username = ${username}`.execute(
    db,
  );
  return r.rows[0];
}

/** The enabled account of a live (unrevoked, unexpired) session, as a UserRow (SQL: no row when there is none). */
function sessionUserSql(tokenHash: string): RawBuilder<UserRow> {
  return sql<UserRow>`
    select ${USER_COLUMNS} from auth_session s join app_user u on u.id = s.user_id
    where s.token_hash = ${tokenHash} and s.revoked_at is null and s.expires_at > now() and not u.disabled`;
}

/** The enabled account of a live (unrevoked, unexpired) session. */
export async function findSessionUser(db: Db, tokenHash: string): Promise<UserRow | undefined> {
  const r = await sessionUserSql(tokenHash).execute(db);
  return r.rows[0];
}

/**
 * The values the actor's relation (actorSqlOf) sends for this actor, in order, and whether it
 * looks a session up (which makes another statement text): for a statement kept by shape
 * (db/statement-shape.ts).
 */
export function actorParts(actor: SessionUser | { tokenHash: string }): { pending: boolean; values: unknown[] } {
  if ("tokenHash" in actor) return { pending: true, values: [actor.tokenHash] };
  return { pending: false, values: [actor.id, actor.role, actor.departmentId, actor.placeIds] };
}

/**
 * Who acts, as a relation for a statement that checks and writes in one go: one row with `id`,
 * `role`, `"departmentId"` and `"placeIds"` (and, for a session looked up here, the rest of its
 * UserRow), none when a session is not live. A known user's row is made of parameters: actorParts'
 * values (or their stand-ins), each used only as a parameter.
 */
export function actorSqlOf(pending: boolean, values: readonly unknown[]): RawBuilder<unknown> {
  if (pending) return sessionUserSql(values[0] as string);
  const [id, role, departmentId, placeIds] = values;
  return sql`select ${id}::text as id, ${role}::text as role, ${departmentId}::text as "departmentId",
    ${placeIds}::text[] as "placeIds"`;
}

/** Locks an account for a change until the transaction ends. */
export async function lockUser(trx: Db, id: string): Promise<UserRow | undefined> {
  const r = await sql<UserRow>`select ${USER_COLUMNS} from app_user u where u.id = ${id}::bigint for update`.execute(
    trx,
  );
  return r.rows[0];
}

/** The ids of the enabled planners, locked until the transaction ends. */
export async function lockEnabledPlanners(trx: Db): Promise<string[]> {
  const rows = await trx
    .selectFrom("app_user")
    .select((eb) => eb.cast<string>("id", "text").as("id"))
    .where("role", "=", "PLANNER")
    .where("disabled", "=", false)
    .orderBy("id")
    .forUpdate()
    .execute();
  return rows.map((row) => row.id);
}

/** Creates an account; null when the username is taken. */
export async function insertUser(
  trx: Db,
  user: { username: string; displayName: string; role: string; passwordHash: string; departmentId: string | null },
): Promise<string | null> {
  const inserted = await trx
    .insertInto("app_user")
    .values({
      username: user.username,
      display_name: user.displayName,
      role: user.role,
      password_hash: user.passwordHash,
      department_id: user.departmentId,
    })
    .onConflict((oc) => oc.column("username").doNothing())
    .returning((eb) => eb.cast<string>("id", "text").as("id"))
    .executeTakeFirst();
  return inserted?.id ?? null;
}

/** Changes an account; a null password hash keeps the password. */
export async function updateUserRow(
  trx: Db,
  id: string,
  user: {
    displayName: string;
    role: string;
    departmentId: string | null;
    disabled: boolean;
    passwordHash: string | null;
  },
): Promise<void> {
  await trx
    .updateTable("app_user")
    .set({
      display_name: user.displayName,
      role: user.role,
      department_id: user.departmentId,
      disabled: user.disabled,
      ...(user.passwordHash ? { password_hash: user.passwordHash } : {}),
    })
    .where("id", "=", id)
    .execute();
}

/** Makes sure the bootstrap planner `admin` exists, enabled, with this password hash. */
export async function upsertAdmin(db: Db, passwordHash: string): Promise<void> {
  await db
    .insertInto("app_user")
    .values({ username: "admin", display_name: "Administrator", role: "PLANNER", password_hash: passwordHash })
    .onConflict((oc) =>
      oc
        .column("username")
        .doUpdateSet({ password_hash: (eb) => eb.ref("excluded.password_hash"), role: "PLANNER", disabled: false }),
    )
    .execute();
}

/** Gives an account these places (it had none). */
export async function insertUserPlaces(trx: Db, userId: string, placeIds: readonly string[]): Promise<void> {
  if (placeIds.length)
    await trx
      .insertInto("user_place")
      .values(placeIds.map((placeId) => ({ user_id: userId, place_id: placeId })))
      .execute();
}

/** Replaces an account's places. */
export async function replaceUserPlaces(trx: Db, userId: string, placeIds: readonly string[]): Promise<void> {
  await trx.deleteFrom("user_place").where("user_id", "=", userId).execute();
  await insertUserPlaces(trx, userId, placeIds);
}

/** Which of these ids are places. */
export async function findExistingPlaceIds(db: Db, ids: readonly string[]): Promise<string[]> {
  const rows = await db.selectFrom("place").select("id").where("id", "=", anyText(ids)).execute();
  return rows.map((row) => row.id);
}

export async function departmentExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom("department").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
}

/** Opens a session for `ttlSeconds` from now (by the database's clock). */
export async function insertSession(db: Db, tokenHash: string, userId: string, ttlSeconds: number): Promise<void> {
  await db
    .insertInto("auth_session")
    .values({
      token_hash: tokenHash,
      user_id: userId,
      expires_at: sql<Date>`now() + make_interval(secs => ${ttlSeconds})`,
    })
    .execute();
}

/** Revokes the open session with this token hash; false when there is none. */
export async function revokeSession(db: Db, tokenHash: string): Promise<boolean> {
  const r = await db
    .updateTable("auth_session")
    .set({ revoked_at: sql<Date>`now()` })
    .where("token_hash", "=", tokenHash)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Revokes every open session of an account. */
export async function revokeUserSessions(trx: Db, userId: string): Promise<void> {
  await trx
    .updateTable("auth_session")
    .set({ revoked_at: sql<Date>`now()` })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .execute();
}
