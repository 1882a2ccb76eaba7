/** Accounts and sign-in: login with rate limiting, logout, user creation. */
import type { Db } from "../../db/database.ts";
import { requireUser, type SessionUser } from "../../core/actor.ts";
import {
  ConflictError,
  NotFoundError,
  RateLimitedError,
  UnauthenticatedError,
  ValidationError,
} from "../../core/errors.ts";
import { canCurate } from "../report/permissions.ts";
import { ForbiddenError } from "../../core/errors.ts";
import { hashToken, newToken } from "./auth.service.ts";
import { DUMMY_HASH, hashPassword, verifyPassword } from "./password.ts";
import { lockThrottleRows, recordLoginAttempt, undoLoginFailure } from "./login-throttle.repository.ts";
import {
  departmentExists,
  findAllUsers,
  findExistingPlaceIds,
  findUserForLogin,
  findUsersByIds,
  insertSession,
  insertUser,
  insertUserPlaces,
  lockEnabledPlanners,
  lockUser,
  replaceUserPlaces,
  revokeSession,
  revokeUserSessions,
  updateUserRow,
  type UserRow,
} from "./user.repository.ts";
import type { CreateUserInput, UpdateUserInput } from "./user.type.ts";

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
const MAX_USERNAME_LENGTH = 64;
const MAX_PASSWORD_LENGTH = 200;

/** Seconds a counter at `failures` still refuses, or 0. */
function remainingDelay(failures: number, threshold: number, secondsSinceFailure: number | null): number {
  if (failures < threshold || secondsSinceFailure === null) return 0;
  const delay = Math.min(
    LOGIN_THROTTLE.firstDelaySeconds * 2 ** (failures - threshold),
    LOGIN_THROTTLE.maxDelaySeconds,
  );
  return Math.max(0, Math.ceil(delay - secondsSinceFailure));
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
      account && address.failures > 0
        ? remainingDelay(account.failures, LOGIN_THROTTLE.accountThreshold, account.secondsSinceFailure)
        : 0,
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
  const problem =
    usernameProblem(name) ??
    (password.length > MAX_PASSWORD_LENGTH ? `password must be at most ${MAX_PASSWORD_LENGTH} characters` : null);
  if (problem) {
    await reserveLoginAttempt(db, { address: `address:${address}` });
    throw new ValidationError(problem);
  }
  const keys = { pair: `pair:${address}|${name}`, address: `address:${address}`, account: `user:${name}` };
  await reserveLoginAttempt(db, keys);
  const row = await findUserForLogin(db, name);
  // verify against a dummy hash for unknown users, so both cases take the same time
  const ok = await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH);
  if (!row || !ok) throw new UnauthenticatedError("wrong username or password");
  // said only to someone who knows the password: a disabled account is not told apart from a wrong password otherwise
  if (row.disabled) throw new ForbiddenError("this account is disabled: a planner can enable it again");
  await undoLoginFailure(db, keys.pair, [keys.address, keys.account]);
  const token = newToken();
  await insertSession(db, hashToken(token), row.id, client.sessionTtlSeconds);
  const { passwordHash: _hash, ...user } = row;
  return { token, user };
}

/** Revokes the session with this token hash (the request's bearer or cookie); false when there is none. */
export async function logout(db: Db, tokenHash: string | null): Promise<boolean> {
  if (!tokenHash) return false;
  return revokeSession(db, tokenHash);
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;

function checkPassword(password: string): void {
  if (password.length < 10) throw new ValidationError("password must be at least 10 characters");
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new ValidationError(`password must be at most ${MAX_PASSWORD_LENGTH} characters`);
}

function checkDisplayName(name: string): string {
  const displayName = name.trim();
  if (!displayName || displayName.length > 100) throw new ValidationError("displayName must be 1-100 characters");
  return displayName;
}

/** Unknown places or department: BAD_USER_INPUT naming the field. */
async function checkAssignments(db: Db, placeIds: string[], departmentId: string | null): Promise<void> {
  if (placeIds.length) {
    const known = await findExistingPlaceIds(db, placeIds);
    const unknown = placeIds.filter((p) => !known.includes(p));
    if (unknown.length) throw new ValidationError(`placeIds: unknown place ${unknown.join(", ")}`);
  }
  if (departmentId) {
    if (!(await departmentExists(db, departmentId)))
      throw new ValidationError(`departmentId: unknown department ${departmentId}`);
  }
}

/** The signed-in actor's own account, or null when nobody is signed in. */
export async function currentUser(db: Db, actor: SessionUser | null): Promise<UserRow | null> {
  if (!actor) return null;
  return (await findUsersByIds(db, [actor.id]))[0] ?? null;
}

/** Every account, by username (planners only). */
export async function listUsers(db: Db, actor: SessionUser | null): Promise<UserRow[]> {
  const user = requireUser(actor);
  const decision = canCurate(user, "list users");
  if (!decision.allowed) throw new ForbiddenError(decision.reason);
  return findAllUsers(db);
}

/**
 * Changes an account (planners only): what `input` gives, the rest as it is. The role and its
 * assignment must agree afterwards (an AREA_LEADER has places, a DEPARTMENT user a department,
 * no one else either; changing the role drops the assignment the new role has no use for).
 * Disabling an account or changing its password ends its open sessions. A planner cannot
 * disable or demote themselves, and the last enabled planner stays one.
 */
export async function updateUser(
  db: Db,
  actor: SessionUser | null,
  id: string,
  input: UpdateUserInput,
): Promise<UserRow> {
  const user = requireUser(actor);
  const decision = canCurate(user, "change users");
  if (!decision.allowed) throw new ForbiddenError(decision.reason);
  if (!/^[0-9]{1,18}$/.test(id)) throw new NotFoundError(`user ${id} not found`);
  const displayName = input.displayName != null ? checkDisplayName(input.displayName) : null;
  if (input.password != null) checkPassword(input.password);
  const hash = input.password != null ? await hashPassword(input.password) : null;
  const self = id === user.id;
  if (self && input.disabled === true) throw new ValidationError("disabled: you cannot disable your own account");
  if (self && input.role != null && input.role !== "PLANNER")
    throw new ValidationError("role: you cannot take the planner role from yourself");
  await db.transaction().execute(async (trx) => {
    // the enabled planners, locked: two planners demoting each other at once cannot leave none
    const planners = await lockEnabledPlanners(trx);
    const current = await lockUser(trx, id);
    if (!current) throw new NotFoundError(`user ${id} not found`);
    const role = input.role ?? current.role;
    const roleChanged = role !== current.role;
    const placeIds =
      input.placeIds != null
        ? [...new Set(input.placeIds)]
        : roleChanged && role !== "AREA_LEADER"
          ? []
          : current.placeIds;
    const departmentId =
      input.departmentId !== undefined
        ? input.departmentId || null
        : roleChanged && role !== "DEPARTMENT"
          ? null
          : current.departmentId;
    if (role === "AREA_LEADER" && placeIds.length === 0)
      throw new ValidationError("placeIds: an AREA_LEADER needs at least one place");
    if (role !== "AREA_LEADER" && placeIds.length > 0)
      throw new ValidationError("placeIds: places are only for AREA_LEADER users");
    if (role === "DEPARTMENT" && !departmentId)
      throw new ValidationError("departmentId: a DEPARTMENT user needs a department");
    if (role !== "DEPARTMENT" && departmentId)
      throw new ValidationError("departmentId: a department is only for DEPARTMENT users");
    const disabled = input.disabled ?? current.disabled;
    const stillPlanner = role === "PLANNER" && !disabled;
    if (planners.includes(id) && !stillPlanner && planners.length <= 1) {
      throw new ValidationError(
        `${input.disabled ? "disabled" : "role"}: ${current.username} is the last enabled planner`,
      );
    }
    await checkAssignments(trx, placeIds, departmentId);
    await updateUserRow(trx, id, {
      displayName: displayName ?? current.displayName,
      role,
      departmentId,
      disabled,
      passwordHash: hash,
    });
    const samePlaces =
      placeIds.length === current.placeIds.length && placeIds.every((p) => current.placeIds.includes(p));
    if (!samePlaces) await replaceUserPlaces(trx, id, placeIds);
    // a disabled account, or one whose password a planner reset, is signed out everywhere
    if ((disabled && !current.disabled) || (hash && !self)) {
      await revokeUserSessions(trx, id);
    }
  });
  return (await findUsersByIds(db, [id]))[0];
}

/** Creates an account (planners only). */
export async function createUser(db: Db, actor: SessionUser | null, input: CreateUserInput): Promise<UserRow> {
  const user = requireUser(actor);
  const decision = canCurate(user, "create users");
  if (!decision.allowed) throw new ForbiddenError(decision.reason);
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username))
    throw new ValidationError(
      "username must be 3-40 characters: lower-case letters, digits, . _ - (starting with a letter or digit)",
    );
  checkPassword(input.password);
  const displayName = checkDisplayName(input.displayName);
  const placeIds = [...new Set(input.placeIds ?? [])];
  if (input.role === "AREA_LEADER" && placeIds.length === 0)
    throw new ValidationError("placeIds: an AREA_LEADER needs at least one place");
  if (input.role !== "AREA_LEADER" && placeIds.length > 0)
    throw new ValidationError("placeIds: places are only for AREA_LEADER users");
  if (input.role === "DEPARTMENT" && !input.departmentId)
    throw new ValidationError("departmentId: a DEPARTMENT user needs a department");
  if (input.role !== "DEPARTMENT" && input.departmentId)
    throw new ValidationError("departmentId: a department is only for DEPARTMENT users");
  const hash = await hashPassword(input.password);
  const id = await db.transaction().execute(async (trx) => {
    await checkAssignments(trx, placeIds, input.departmentId ?? null);
    const newId = await insertUser(trx, {
      username,
      displayName,
      role: input.role,
      passwordHash: hash,
      departmentId: input.departmentId ?? null,
    });
    if (!newId) throw new ConflictError(`username ${username} is taken`);
    await insertUserPlaces(trx, newId, placeIds);
    return newId;
  });
  return (await findUsersByIds(db, [id]))[0];
}
