/** Accounts and sign-in: login with rate limiting, logout, user creation. */
import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import type { SessionUser } from "../../core/actor.ts";
import { ConflictError, RateLimitedError, UnauthenticatedError, ValidationError } from "../../core/errors.ts";
import { canCurate } from "../report/permissions.ts";
import { requireUser } from "../report/report.service.ts";
import { ForbiddenError } from "../../core/errors.ts";
import { USER_COLUMNS, hashToken, newToken, type UserRow } from "./auth.service.ts";
import { DUMMY_HASH, hashPassword, verifyPassword } from "./password.ts";
import { lockThrottleRows, recordLoginAttempt, undoLoginFailure } from "./login-throttle.repository.ts";
import type { CreateUserInput } from "./user.type.ts";

/**
 * Sign-in throttling. Three counters, kept in the database so every server process sees them:
 * the account and client address together (the pair), the client address (any account), and
 * the account (any address). A counter at its threshold refuses attempts for a delay that
 * doubles with each further failure, from 30 s up to 15 minutes; failures are forgotten an
 * hour after the last one. The account's counter only holds back addresses that have failed
 * recently themselves, so an attacker cannot lock a user out: a correct password from an
 * address that has not been failing always gets through.
 */
export const LOGIN_THROTTLE = {
  pairThreshold: 5,
  addressThreshold: 20,
  accountThreshold: 10,
  firstDelaySeconds: 30,
  maxDelaySeconds: 15 * 60,
  forgetSeconds: 60 * 60,
} as const;
export const MAX_USERNAME_LENGTH = 64;
export const MAX_PASSWORD_LENGTH = 200;

/** Seconds a counter at `failures` still refuses, or 0. */
function remainingDelay(failures: number, threshold: number, secondsSinceFailure: number | null): number {
  if (failures < threshold || secondsSinceFailure === null) return 0;
  const delay = Math.min(LOGIN_THROTTLE.firstDelaySeconds * 2 ** (failures - threshold), LOGIN_THROTTLE.maxDelaySeconds);
  return Math.max(0, Math.ceil(delay - secondsSinceFailure));
}

export async function findUsersByIds(db: Db, ids: readonly string[]): Promise<UserRow[]> {
  const r = await sql<UserRow>`select ${USER_COLUMNS} from app_user u where u.id = any(${[...ids]}::bigint[])`.execute(db);
  return r.rows;
}

interface ThrottleKeys {
  address: string;
  /** absent for an attempt refused before a username could be looked up (too long, empty) */
  pair?: string;
  account?: string;
}

/**
 * Checks the throttle and records the attempt in one transaction under row locks, before any
 * password work: concurrent attempts are counted one after another, and a refused one costs no
 * scrypt. Returns normally when the attempt may go on (counted as a failure until it succeeds).
 */
async function reserveLoginAttempt(db: Db, keys: ThrottleKeys): Promise<void> {
  const { forgetSeconds } = LOGIN_THROTTLE;
  const all = [keys.address, keys.pair, keys.account].filter((k): k is string => k !== undefined);
  const retryAfter = await db.transaction().execute(async (trx) => {
    const rows = new Map((await lockThrottleRows(trx, all, forgetSeconds)).map((r) => [r.key, r]));
    const address = rows.get(keys.address)!;
    const pair = keys.pair ? rows.get(keys.pair) : undefined;
    const account = keys.account ? rows.get(keys.account) : undefined;
    const wait = Math.max(
      remainingDelay(address.failures, LOGIN_THROTTLE.addressThreshold, address.secondsSinceFailure),
      pair ? remainingDelay(pair.failures, LOGIN_THROTTLE.pairThreshold, pair.secondsSinceFailure) : 0,
      // the account's counter holds back only addresses that are failing themselves (see LOGIN_THROTTLE)
      account && address.failures > 0 ? remainingDelay(account.failures, LOGIN_THROTTLE.accountThreshold, account.secondsSinceFailure) : 0,
    );
    await recordLoginAttempt(trx, all, wait > 0 ? [] : all, forgetSeconds);
    return wait;
  });
  if (retryAfter > 0) {
    throw new RateLimitedError(`too many failed sign-in attempts: try again in ${retryAfter} seconds`, { retryAfter });
  }
}

/** The username rule broken, or null. */
function usernameProblem(name: string): string | null {
  if (name.length === 0) return "username must not be empty";
  if (name.length > MAX_USERNAME_LENGTH) return `username must be at most ${MAX_USERNAME_LENGTH} characters`;
  return null;
}

/**
 * Checks credentials and opens a session; the same answer for an unknown user and a wrong
 * password. Every attempt is counted against the client address, even one refused for its
 * input (a too-long username), before any password work. The caller sets the session cookie.
 */
export async function login(
  db: Db,
  client: { address: string; sessionTtlSeconds: number },
  username: string,
  password: string,
): Promise<{ token: string; user: UserRow }> {
  const name = username.trim().toLowerCase();
  // an address is at most 45 characters (IPv6); the cap keeps a forged one from growing the key
  const address = client.address.slice(0, 64);
  const problem = usernameProblem(name) ?? (password.length > MAX_PASSWORD_LENGTH ? `password must be at most ${MAX_PASSWORD_LENGTH} characters` : null);
  if (problem) {
    await reserveLoginAttempt(db, { address: `address:${address}` });
    throw new ValidationError(problem);
  }
  const keys = { pair: `pair:${address}|${name}`, address: `address:${address}`, account: `user:${name}` };
  await reserveLoginAttempt(db, keys);
  const r = await sql<UserRow & { passwordHash: string }>`
    select ${USER_COLUMNS}, u.password_hash as "passwordHash" from app_user u where u.username = ${name}`.execute(db);
  const row = r.rows[0];
  // verify against a dummy hash for unknown users, so both cases take the same time
  const ok = await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH);
  if (!row || !ok) throw new UnauthenticatedError("wrong username or password");
  await undoLoginFailure(db, keys.pair, [keys.address, keys.account]);
  const token = newToken();
  await sql`
    insert into auth_session (token_hash, user_id, expires_at)
    values (${hashToken(token)}, ${row.id}::bigint, now() + make_interval(secs => ${client.sessionTtlSeconds}))`.execute(db);
  const { passwordHash: _hash, ...user } = row;
  return { token, user };
}

/** Revokes the session with this token hash (the request's bearer or cookie); false when there is none. */
export async function logout(db: Db, tokenHash: string | null): Promise<boolean> {
  if (!tokenHash) return false;
  const r = await sql`update auth_session set revoked_at = now() where token_hash = ${tokenHash} and revoked_at is null returning 1`.execute(db);
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
