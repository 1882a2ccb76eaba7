/** What every resolver receives: the database, per-request loaders, the user, the list budget. */
import type { Response } from "express";
import type { Db } from "../db/database.ts";
import type { Logger } from "../logger.ts";
import { LIMITS } from "./limits.ts";
import { ListBudget } from "../core/list-budget.ts";
import { createLoaders, type Loaders } from "../modules/loaders.ts";
import type { Actor, PendingSession, SessionUser } from "../core/actor.ts";

export interface Context {
  db: Db;
  loaders: Loaders;
  /** the list items this request may still produce (core/list-budget.ts) */
  budget: ListBudget;
  user: SessionUser | null;
  /**
   * Set (and `user` null) while the request's session is not looked up: its only work is
   * mutations that look it up in their own statement (app.ts). Cleared when one has (deferSession).
   */
  pendingSession?: PendingSession;
  /** the hash of the bearer token or cookie this request came with, for logout */
  tokenHash: string | null;
  requestId: string;
  clientAddress: string;
  log: Logger;
  /** the HTTP response, to set or clear the session cookie; absent outside HTTP */
  res?: Response;
  /** seconds a session lasts */
  sessionTtlSeconds: number;
  secureCookies: boolean;
}

/** Builds a fresh context; loaders never outlive the request. The budget may come from the SQL lane, which spent part of the request already. */
export function createContext(base: Omit<Context, "loaders" | "budget"> & { budget?: ListBudget }): Context {
  const budget = base.budget ?? new ListBudget(LIMITS.maxListItems);
  return { ...base, budget, loaders: createLoaders(base.db, budget, base.user) };
}

/**
 * Leaves the context's session to be looked up by the first statement that needs it (actorOf):
 * `user` stays null until then; `onUser` is told the user found (null: none live).
 */
export function deferSession(ctx: Context, tokenHash: string, onUser: (user: SessionUser | null) => void): void {
  ctx.pendingSession = { tokenHash, resolved: onUser };
}

/**
 * Who a service acts for in this context: the user (null: anonymous), or the pending session,
 * whose user, once a statement has found it, this context takes, with new loaders that see what
 * it may see. (Apollo hands resolvers a copy of the context it built: this is that copy.)
 */
export function actorOf(ctx: Context): Actor {
  const pending = ctx.pendingSession;
  if (!pending) return ctx.user;
  return {
    tokenHash: pending.tokenHash,
    resolved: (user) => {
      if (ctx.pendingSession !== pending) return;
      delete ctx.pendingSession;
      ctx.user = user;
      ctx.tokenHash = user ? pending.tokenHash : null;
      ctx.loaders = createLoaders(ctx.db, ctx.budget, user);
      pending.resolved(user);
    },
  };
}
