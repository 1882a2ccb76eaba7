/** type-graphql's @Authorized check: roles are enforced in services; this only requires a user. */
import type { AuthChecker } from "type-graphql";
import type { Context } from "./context.ts";

export const authChecker: AuthChecker<Context> = ({ context }, roles) => {
  if (!context.user) return false;
  return roles.length === 0 || roles.includes(context.user.role);
};
