/**
 * Deployment settings: window.__ATLAS_CONFIG__ (the product's server writes it
 * into the page) or /config.json (shipped with defaults in client/public, for a
 * page served elsewhere, such as Vite's dev server). Default: offline, no basemap.
 */
import { DEFAULT_BASEMAPS, type BasemapCatalogueEntry } from "./map/layers/basemap.ts";
import { TILE_THRESHOLD } from "./map/layers/projects.ts";
import { BASEMAPS, type BasemapId } from "./state/url-state.ts";

export interface AtlasConfig {
  /** the basemap shown when the URL does not choose one */
  basemap: BasemapId;
  /** online basemaps offered in the switcher; empty hides the switcher */
  basemaps: Partial<Record<Exclude<BasemapId, "none">, BasemapCatalogueEntry>>;
  /** above this many projects the map reads vector tiles instead of GeoJSON (server: PROJECT_TILE_THRESHOLD) */
  projectTileThreshold: number;
}

declare global {
  interface Window {
    __ATLAS_CONFIG__?: Partial<AtlasConfig>;
  }
}

export const DEFAULT_CONFIG: AtlasConfig = {
  basemap: "none",
  basemaps: DEFAULT_BASEMAPS,
  projectTileThreshold: TILE_THRESHOLD,
};

/**
 * Merge a partial, untrusted config over the defaults, dropping what is
 * malformed. The server's `{ basemapUrl }` (BASEMAP_URL) is understood too: a
 * tile template with {z}/{x}/{y} becomes the raster basemap, any other URL the
 * vector style, and either is then shown by default.
 */
export function normalizeConfig(raw: unknown): AtlasConfig {
  const c = { ...((raw && typeof raw === "object" ? raw : {}) as Partial<AtlasConfig> & { basemapUrl?: unknown }) };
  if (typeof c.basemapUrl === "string" && /^https?:\/\//.test(c.basemapUrl)) {
    const raster = c.basemapUrl.includes("{z}");
    const id = raster ? "osm" : "positron";
    c.basemaps = { ...DEFAULT_BASEMAPS, ...(c.basemaps ?? {}), [id]: { ...DEFAULT_BASEMAPS[id], url: c.basemapUrl } };
    c.basemap ??= id;
  }
  const basemaps: AtlasConfig["basemaps"] = {};
  const given = c.basemaps && typeof c.basemaps === "object" ? c.basemaps : DEFAULT_BASEMAPS;
  for (const id of ["positron", "osm"] as const) {
    const e = (given as AtlasConfig["basemaps"])[id];
    if (
      e &&
      (e.kind === "raster" || e.kind === "vector") &&
      typeof e.url === "string" &&
      typeof e.attribution === "string"
    ) {
      basemaps[id] = e;
    }
  }
  const basemap = BASEMAPS.includes(c.basemap as BasemapId) ? (c.basemap as BasemapId) : "none";
  const threshold = c.projectTileThreshold;
  const projectTileThreshold = Number.isSafeInteger(threshold) && threshold! >= 0 ? threshold! : TILE_THRESHOLD;
  return { basemap: basemap !== "none" && !basemaps[basemap] ? "none" : basemap, basemaps, projectTileThreshold };
}

/** The settings the server wrote into the page (it always does: server/src/app.ts pageWithSettings), if any. */
export function configInPage(): AtlasConfig | null {
  return window.__ATLAS_CONFIG__ ? normalizeConfig(window.__ATLAS_CONFIG__) : null;
}

export async function loadConfig(): Promise<AtlasConfig> {
  const inPage = configInPage();
  if (inPage) return inPage;
  try {
    const res = await fetch("/config.json", { headers: { accept: "application/json" } });
    if (!res.ok) return DEFAULT_CONFIG;
    return normalizeConfig(await res.json());
  } catch {
    return DEFAULT_CONFIG;
  }
}
