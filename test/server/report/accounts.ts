/**
 * Accounts for tests: a planner inserted directly (there is no other way to get
 * the first one), everyone else made through the createUser mutation; each with
 * a unique username so test files never share or lock each other's users.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { testDatabase } from "../../support/db.ts";
import { testServer } from "../../support/server.ts";
import { hashPassword } from "../../../server/src/modules/user/password.ts";

export const PASSWORD = "correct horse battery";

export interface Account {
  id: string;
  username: string;
  token: string;
  /** Authorization header for this account */
  auth: Record<string, string>;
}

/** A username no other test uses: prefix plus a random suffix. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Signs in through the API and returns the bearer token. */
export async function login(username: string, password = PASSWORD): Promise<{ id: string; token: string }> {
  const s = await testServer();
  const r = await s.gql(
    `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token user { id } } }`,
    { u: username, p: password },
  );
  if (!r.body.data?.login) throw new Error(`login of ${username} failed: ${JSON.stringify(r.body.errors)}`);
  return { id: r.body.data.login.user.id, token: r.body.data.login.token };
}

/** A fresh planner account (inserted with SQL) and its session. */
export async function createPlanner(prefix = "planner"): Promise<Account> {
  const { db } = await testDatabase();
  const username = uniqueName(prefix);
  await sql`insert into app_user (username, display_name, role, password_hash) values (${username}, ${"Test planner " + username}, 'PLANNER', ${await hashPassword(PASSWORD)})`.execute(
    db,
  );
  const { id, token } = await login(username);
  return { id, username, token, auth: { authorization: `Bearer ${token}` } };
}

/** A user made by a planner through the createUser mutation, signed in. */
export async function createUser(
  planner: Account,
  input: { role: "PLANNER" | "AREA_LEADER" | "DEPARTMENT" | "VIEWER"; placeIds?: string[]; departmentId?: string },
  prefix = input.role.toLowerCase().replace("_", "-"),
): Promise<Account> {
  const s = await testServer();
  const username = uniqueName(prefix);
  const r = await s.gql(
    `mutation($input: CreateUserInput!) { createUser(input: $input) { id username } }`,
    { input: { username, password: PASSWORD, displayName: username, ...input } },
    planner.auth,
  );
  if (!r.body.data?.createUser) throw new Error(`createUser ${username} failed: ${JSON.stringify(r.body.errors)}`);
  const { id, token } = await login(username);
  return { id, username, token, auth: { authorization: `Bearer ${token}` } };
}
