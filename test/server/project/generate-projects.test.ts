import { describe, expect, it } from "vitest";
import { generateProjects, TAIYUAN_BBOX, toCsv } from "../../bench/generate-projects.ts";
import { parseProjectCsv } from "../../../server/src/modules/project/project-import.ts";

describe("the bench project generator", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    expect(generateProjects({ count: 500, seed: 3 })).toEqual(generateProjects({ count: 500, seed: 3 }));
    expect(generateProjects({ count: 50, seed: 3 })).not.toEqual(generateProjects({ count: 50, seed: 4 }));
  });

  it("makes 100,000 distinct projects inside Taiyuan's bbox by default", () => {
    const rows = generateProjects();
    expect(rows).toHaveLength(100_000);
    expect(new Set(rows.map((r) => r.id)).size).toBe(100_000);
    const [w, s, e, n] = TAIYUAN_BBOX;
    expect(rows.every((r) => r.lng >= w && r.lng <= e && r.lat >= s && r.lat <= n && r.startYear <= r.endYear)).toBe(
      true,
    );
  });

  it("keeps only accepted points and writes CSV the importer reads without refusal", () => {
    const rows = generateProjects({ count: 200, accept: (lng) => lng > 112.5 });
    expect(rows.every((r) => r.lng > 112.5)).toBe(true);
    const parsed = parseProjectCsv(toCsv(rows));
    expect(parsed.refused).toEqual([]);
    expect(parsed.drafts.map((d) => d.id)).toEqual(rows.map((r) => r.id));
  });
});
