/** What every resolver receives: the database, per-request loaders, the user. */
import type { Response } from "express";
import type { Db } from "../db/database.ts";
import type { Logger } from "../logger.ts";
import { createLoaders, type Loaders } from "./loaders.ts";

export interface SessionUser {
  id: string;
  username: string;
  role: "PLANNER" | "AREA_LEADER" | "DEPARTMENT" | "VIEWER";
  departmentId: string | null;
  placeIds: string[];
}

export interface Context {
  db: Db;
  loaders: Loaders;
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

/** Builds a fresh context; loaders never outlive the request. */
export function createContext(base: Omit<Context, "loaders">): Context {
  return { ...base, loaders: createLoaders(base.db) };
}
