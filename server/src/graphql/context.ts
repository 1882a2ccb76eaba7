/** What every resolver receives: the database, per-request loaders, the user, the list budget. */
import type { Response } from "express";
import type { Db } from "../db/database.ts";
import type { Logger } from "../logger.ts";
import { LIMITS } from "./limits.ts";
import { ListBudget } from "../core/list-budget.ts";
import { createLoaders, type Loaders } from "../modules/loaders.ts";
import type { SessionUser } from "../core/actor.ts";

export interface Context {
  db: Db;
  loaders: Loaders;
  /** the list items this request may still produce (core/list-budget.ts) */
  budget: ListBudget;
  user: SessionUser | null;
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
