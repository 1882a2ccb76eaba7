/**
 * The projects' vector tiles over HTTP: GET /tiles/projects/{z}/{x}/{y}.mvt, with
 * `?categories=A,B` to keep only those categories. The tiles themselves, and why there are two
 * ways of building them, are in modules/project/project-tiles.service.ts.
 */
import { Router, type Request, type Response } from "express";
import { pino } from "pino";
import type { Db } from "../db/database.ts";
import { AppError, ValidationError, httpStatusFor } from "../core/errors.ts";
import { ProjectCategory } from "../core/enums.ts";
import { projectTile } from "../modules/project/project-tiles.service.ts";

const MAX_ZOOM = 20;
const MVT_CONTENT_TYPE = "application/vnd.mapbox-vector-tile";

/** z/x/y from path segments; ValidationError naming the first bad one. */
export function parseTile(zs: string, xs: string, ys: string): { z: number; x: number; y: number } {
  const int = (s: string, name: string) => {
    if (!/^\d{1,8}$/.test(s))
      throw new ValidationError(`${name}: expected a non-negative integer, got ${JSON.stringify(s.slice(0, 20))}`);
    return Number(s);
  };
  const z = int(zs, "z");
  if (z > MAX_ZOOM) throw new ValidationError(`z: expected 0-${MAX_ZOOM}, got ${z}`);
  const max = 2 ** z - 1;
  const x = int(xs, "x");
  if (x > max) throw new ValidationError(`x: expected 0-${max} at zoom ${z}, got ${x}`);
  const y = int(ys, "y");
  if (y > max) throw new ValidationError(`y: expected 0-${max} at zoom ${z}, got ${y}`);
  return { z, x, y };
}

/** `?categories=A,B` → the categories, checked against the enum; ValidationError naming the first unknown one. */
function parseCategories(raw: unknown): ProjectCategory[] {
  if (raw === undefined || raw === "") return [];
  if (typeof raw !== "string")
    throw new ValidationError(
      "categories: expected one comma-separated list, e.g. ?categories=LIVELIHOOD,ECOLOGICAL_RESTORATION",
    );
  const known = Object.values(ProjectCategory) as string[];
  const out: ProjectCategory[] = [];
  for (const c of raw.split(",")) {
    if (!known.includes(c))
      throw new ValidationError(
        `categories: unknown category ${JSON.stringify(c.slice(0, 40))}; expected ${known.join(", ")}`,
      );
    if (!out.includes(c as ProjectCategory)) out.push(c as ProjectCategory);
  }
  return out;
}

function send(res: Response, error: unknown, log: pino.Logger): void {
  if (error instanceof AppError) {
    // the database down: a client or load balancer may try again in a second
    if (error.code === "UNAVAILABLE") res.setHeader("retry-after", "1");
    res.status(httpStatusFor(error.code)).json({ error: { code: error.code, message: error.message } });
    return;
  }
  log.error({ err: error }, "tile failed");
  res.status(500).json({ error: { code: "INTERNAL_SERVER_ERROR", message: "internal server error" } });
}

export function tilesRouter(getDb: (req: Request) => Db): Router {
  const router = Router();
  const log = pino({ level: "error" });
  router.get("/projects/:z/:x/:file", async (req, res) => {
    try {
      const m = /^(\d+)\.mvt$/.exec(req.params.file);
      if (!m) throw new ValidationError("expected /tiles/projects/{z}/{x}/{y}.mvt");
      const { z, x, y } = parseTile(req.params.z, req.params.x, m[1]);
      const categories = parseCategories(req.query.categories);
      const tile = await projectTile(getDb(req), { z, x, y, categories });
      res.setHeader("content-type", MVT_CONTENT_TYPE);
      res.setHeader("cache-control", "public, max-age=60");
      res.status(200).end(Buffer.from(tile.buffer, tile.byteOffset, tile.byteLength));
    } catch (error) {
      send(res, error, log);
    }
  });
  return router;
}
