/** Signed-in users for the project tests, made directly in SQL (unique per call). */
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { hashToken } from "../../../server/src/modules/user/auth.service.ts";
import { testDatabase } from "../../support/db.ts";

let counter = 0;

/** A new user of the role with a live session; returns the Authorization header and the user id. */
export async function signedIn(
  role: "PLANNER" | "AREA_LEADER" | "DEPARTMENT" | "VIEWER",
): Promise<{ headers: Record<string, string>; userId: string }> {
  const { db } = await testDatabase();
  const username = `project-test-${role.toLowerCase()}-${process.pid}-${Date.now()}-${(counter += 1)}`;
  const u = await sql<{ id: string }>`
    insert into app_user (username, display_name, role, password_hash) values (${username}, ${username}, ${role}, 'not-a-login')
    returning id::text as id`.execute(db);
  const token = randomBytes(32).toString("base64url");
  await sql`insert into auth_session (token_hash, user_id, expires_at) values (${hashToken(token)}, ${u.rows[0].id}::bigint, now() + interval '1 hour')`.execute(
    db,
  );
  return { headers: { authorization: `Bearer ${token}` }, userId: u.rows[0].id };
}
