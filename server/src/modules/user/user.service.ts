/** Accounts and sign-in: login with rate limiting, logout, user creation. */
import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import type { Context, SessionUser } from "../../graphql/context.ts";
import { ConflictError, RateLimitedError, UnauthenticatedError, ValidationError } from "../../errors.ts";
import { canCurate } from "../report/permissions.ts";
import { requireUser } from "../report/report.service.ts";
import { ForbiddenError } from "../../errors.ts";
import { SESSION_COOKIE, USER_COLUMNS, hashToken, newToken, type UserRow } from "./auth.service.ts";
import { DUMMY_HASH, hashPassword, verifyPassword } from "./password.ts";
import type { CreateUserInput } from "./user.type.ts";

export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_USER = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export async function findUsersByIds(db: Db, ids: readonly string[]): Promise<UserRow[]> {
  const r = await sql<UserRow>`select ${USER_COLUMNS} from app_user u where u.id = any(${[...ids]}::bigint[])`.execute(db);
  return r.rows;
}

async function recentFailures(db: Db, keys: string[]): Promise<Map<string, number>> {
  const r = await sql<{ key: string; n: number }>`
    select key, count(*)::int as n from login_attempt
    where key = any(${keys}::text[]) and at > now() - make_interval(mins => ${LOGIN_WINDOW_MINUTES})
    group by key`.execute(db);
  return new Map(r.rows.map((row) => [row.key, row.n]));
}

/** Checks credentials and opens a session; the same answer for an unknown user and a wrong password. */
export async function login(ctx: Context, username: string, password: string): Promise<{ token: string; user: UserRow }> {
  const name = username.trim().toLowerCase();
  const userKey = `user:${name}`;
  const addressKey = `address:${ctx.clientAddress}`;
  const failures = await recentFailures(ctx.db, [userKey, addressKey]);
  if ((failures.get(userKey) ?? 0) >= MAX_FAILURES_PER_USER || (failures.get(addressKey) ?? 0) >= MAX_FAILURES_PER_ADDRESS) {
    throw new RateLimitedError(`too many failed sign-in attempts: try again in ${LOGIN_WINDOW_MINUTES} minutes`);
  }
  const r = await sql<UserRow & { passwordHash: string }>`
    select ${USER_COLUMNS}, u.password_hash as "passwordHash" from app_user u where u.username = ${name}`.execute(ctx.db);
  const row = r.rows[0];
  // verify against a dummy hash for unknown users, so both cases take the same time
  const ok = await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH);
  if (!row || !ok) {
    await sql`insert into login_attempt (key) values (${userKey}), (${addressKey})`.execute(ctx.db);
    throw new UnauthenticatedError("wrong username or password");
  }
  const token = newToken();
  await sql`
    insert into auth_session (token_hash, user_id, expires_at)
    values (${hashToken(token)}, ${row.id}::bigint, now() + make_interval(secs => ${ctx.sessionTtlSeconds}))`.execute(ctx.db);
  ctx.res?.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "strict",
    secure: ctx.secureCookies,
    path: "/",
    maxAge: ctx.sessionTtlSeconds * 1000,
  });
  const { passwordHash: _hash, ...user } = row;
  return { token, user };
}

/** Revokes the request's session (bearer or cookie) and clears the cookie. */
export async function logout(ctx: Context): Promise<boolean> {
  ctx.res?.clearCookie(SESSION_COOKIE, { path: "/" });
  if (!ctx.tokenHash) return false;
  const r = await sql`update auth_session set revoked_at = now() where token_hash = ${ctx.tokenHash} and revoked_at is null returning 1`.execute(ctx.db);
  return r.rows.length > 0;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;

/** Creates an account (planners only). */
export async function createUser(db: Db, actor: SessionUser | null, input: CreateUserInput): Promise<UserRow> {
  const user = requireUser(actor);
  const decision = canCurate(user, "create users");
  if (!decision.allowed) throw new ForbiddenError(decision.reason);
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) throw new ValidationError("username must be 3-40 characters: lower-case letters, digits, . _ - (starting with a letter or digit)");
  if (input.password.length < 10) throw new ValidationError("password must be at least 10 characters");
  if (input.password.length > 200) throw new ValidationError("password must be at most 200 characters");
  const displayName = input.displayName.trim();
  if (!displayName || displayName.length > 100) throw new ValidationError("displayName must be 1-100 characters");
  const placeIds = [...new Set(input.placeIds ?? [])];
  if (input.role === "AREA_LEADER" && placeIds.length === 0) throw new ValidationError("an AREA_LEADER needs at least one place in placeIds");
  if (input.role !== "AREA_LEADER" && placeIds.length > 0) throw new ValidationError("placeIds are only for AREA_LEADER users");
  if (input.role === "DEPARTMENT" && !input.departmentId) throw new ValidationError("a DEPARTMENT user needs a departmentId");
  if (input.role !== "DEPARTMENT" && input.departmentId) throw new ValidationError("departmentId is only for DEPARTMENT users");
  const hash = await hashPassword(input.password);
  const id = await db.transaction().execute(async (trx) => {
    if (placeIds.length) {
      const known = await sql<{ id: string }>`select id from place where id = any(${placeIds}::text[])`.execute(trx);
      const unknown = placeIds.filter((p) => !known.rows.some((k) => k.id === p));
      if (unknown.length) throw new ValidationError(`placeIds: unknown place ${unknown.join(", ")}`);
    }
    if (input.departmentId) {
      const d = await sql`select 1 from department where id = ${input.departmentId}`.execute(trx);
      if (!d.rows.length) throw new ValidationError(`departmentId: unknown department ${input.departmentId}`);
    }
    const inserted = await sql<{ id: string }>`
      insert into app_user (username, display_name, role, password_hash, department_id)
      values (${username}, ${displayName}, ${input.role}, ${hash}, ${input.departmentId ?? null})
      on conflict (username) do nothing returning id::text`.execute(trx);
    if (!inserted.rows.length) throw new ConflictError(`username ${username} is taken`);
    const newId = inserted.rows[0].id;
    if (placeIds.length) await sql`insert into user_place (user_id, place_id) select ${newId}::bigint, unnest(${placeIds}::text[])`.execute(trx);
    return newId;
  });
  return (await findUsersByIds(db, [id]))[0];
}
