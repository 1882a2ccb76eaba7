/**
 * The linker over the real seeded plan: the must-have links, and precision and
 * recall against test/geo/fixtures/labelled-links.json (hand-labelled by
 * reading the plan). Uses server/src/ingest's ingestPlanText when it exists,
 * else the minimal stand-in in support/minimal-plan.ts.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { readAliases, readGazetteer } from "../../geo/read-gazetteer.ts";
import { applyOverrides, type PlaceLinkOverrides } from "../../geo/src/apply-overrides.ts";
import { linkPlaces, type LinkablePlan } from "../../geo/src/link-places.ts";
import type { PlaceLink, PlaceRole } from "../../geo/src/types.ts";
import { minimalPlan } from "./support/minimal-plan.ts";

const SEED = "seeds/000_006c4d63c36b7a44.txt";
const INGEST = fileURLToPath(new URL("../../server/src/ingest/ingest.ts", import.meta.url));
const labelled = JSON.parse(readFileSync("test/geo/fixtures/labelled-links.json", "utf8")).links as {
  taskId: string;
  placeId: string;
  role: PlaceRole;
}[];
const overrides = JSON.parse(readFileSync("seeds/place-links.curated.json", "utf8")) as PlaceLinkOverrides;
const gazetteer = readGazetteer();

let plan: LinkablePlan;
let links: PlaceLink[];
let loader = "minimal stand-in (server/src/ingest/ingest.ts not found)";

beforeAll(async () => {
  if (existsSync(INGEST)) {
    const mod = await import(/* @vite-ignore */ INGEST);
    const result = await mod.ingestPlanText(readFileSync(SEED));
    plan = "plan" in result ? result.plan : result;
    loader = "server/src/ingest/ingest.ts";
  } else {
    plan = minimalPlan(readFileSync(SEED, "utf8"));
  }
  links = linkPlaces(plan, gazetteer);
});

const roles = (ls: { taskId: string; placeId: string; role: string }[], taskId: string, placeId: string) =>
  ls
    .filter((l) => l.taskId === taskId && l.placeId === placeId)
    .map((l) => l.role)
    .sort();
const placesOf = (taskId: string) =>
  [...new Set(links.filter((l) => l.taskId === taskId).map((l) => l.placeId))].sort();

const TEN = [
  "xiaodian",
  "yingze",
  "xinghualing",
  "jiancaoping",
  "wanbailin",
  "jinyuan",
  "qingxu",
  "yangqu",
  "loufan",
  "gujiao",
];
const FIVE = [
  "hi-tech-zone",
  "economic-zone",
  "private-economy-zone",
  "stainless-steel-park",
  "qingxu-development-zone",
];

describe("linkPlaces on the seeded plan: must-haves", () => {
  it("reform-14: the 擴權強縣 pilots Gujiao, Qingxu, Jiancaoping", () => {
    for (const id of ["gujiao", "qingxu", "jiancaoping"]) expect(roles(links, "reform-14", id)).toEqual(["PILOT"]);
  });
  it("reform-15: Gujiao as PILOT and as LEAD", () => {
    expect(roles(links, "reform-15", "gujiao")).toEqual(["LEAD", "PILOT"]);
  });
  it("matter-16: 三縣一市, Xishan and Dongshan", () => {
    expect(placesOf("matter-16")).toEqual(["dongshan", "gujiao", "loufan", "qingxu", "xishan", "yangqu"]);
  });
  it("matter-8: the five development zones", () => {
    expect(placesOf("matter-8")).toEqual([...FIVE].sort());
  });
  it("matter-6: the Wusu bonded zone as SUBJECT and LEAD", () => {
    expect(roles(links, "matter-6", "wusu-bonded-zone")).toEqual(["LEAD", "SUBJECT"]);
  });
  it("matter-9: Wanbailin as SUBJECT and LEAD", () => {
    expect(roles(links, "matter-9", "wanbailin")).toEqual(["LEAD", "SUBJECT"]);
  });
  it("matter-5: the heritage sites, Xishan and the old industrial sites", () => {
    expect(placesOf("matter-5")).toEqual([
      "chongshan-temple",
      "jinci",
      "shuangta-temple",
      "taihua-industrial-site",
      "taikuang-industrial-site",
      "wenmiao",
      "xishan",
    ]);
  });
  it("matter-20: the two spring domains", () => {
    expect(placesOf("matter-20")).toEqual(["jinci-spring", "lancun-spring"]);
  });
  it("matter-3: the Fendong finance district, not the new district", () => {
    expect(placesOf("matter-3")).toEqual(["fendong-finance-district"]);
  });
  it("matter-22: the southern new town, the science city, Jinzhong and Taiyuan", () => {
    expect(placesOf("matter-22")).toEqual(["jinzhong", "southern-new-town", "taiyu-science-city", "taiyuan"]);
  });
  it("matter-23 and matter-24: the Fendong and Jinyang new districts", () => {
    for (const t of ["matter-23", "matter-24"])
      expect(placesOf(t)).toEqual(expect.arrayContaining(["fendong-new-district", "jinyang-new-district"]));
  });
  it("pilot-counties applies to the ten county-level units", () => {
    for (const id of TEN) expect(roles(links, "pilot-counties", id)).toEqual(["APPLIES"]);
    expect(placesOf("pilot-counties")).toHaveLength(10);
  });
  it("pilot-zones applies to the zones", () => {
    for (const id of [...FIVE, "wusu-bonded-zone"]) expect(roles(links, "pilot-zones", id)).toEqual(["APPLIES"]);
  });
  it("reform-1 (部門與縣(市、區)及開發區之間) is citywide, not a duty of each county", () => {
    expect(links.filter((l) => l.taskId === "reform-1")).toEqual([
      { taskId: "reform-1", placeId: "taiyuan", role: "SUBJECT", evidence: null },
    ]);
  });
  it("points every evidence span at a place's name, a composite, a generic or the lead unit", () => {
    const forms = new Set([
      ...gazetteer.flatMap((p) => p.aliases),
      ...readAliases().composites.flatMap((c) => c.forms),
      ...readAliases().generics.flatMap((g) => g.forms),
    ]);
    for (const l of links) {
      if (!l.evidence) continue;
      const words = plan.sourceText.slice(l.evidence.start, l.evidence.end);
      const ok = forms.has(words) || /^以.+為試點$/.test(words) || l.role === "LEAD";
      expect(ok, `${l.taskId} → ${l.placeId}: 「${words}」`).toBe(true);
    }
  });
});

function evaluate(predicted: { taskId: string; placeId: string; role: string }[], citywide: boolean) {
  const isCitywide = (l: { taskId: string; placeId: string }, ls: { taskId: string; placeId: string }[]) =>
    l.placeId === "taiyuan" && ls.filter((x) => x.taskId === l.taskId).every((x) => x.placeId === "taiyuan");
  const pairs = (ls: { taskId: string; placeId: string }[]) =>
    new Set(ls.filter((l) => citywide || !isCitywide(l, ls)).map((l) => `${l.taskId}|${l.placeId}`));
  const truth = pairs(labelled);
  const got = pairs(predicted);
  const hit = [...got].filter((p) => truth.has(p));
  const precision = hit.length / got.size;
  const recall = hit.length / truth.size;
  const roleAgree = hit.filter((p) => {
    const [t, pl] = p.split("|");
    return JSON.stringify(roles(labelled, t, pl)) === JSON.stringify(roles(predicted, t, pl));
  }).length;
  return {
    precision,
    recall,
    pairs: truth.size,
    predicted: got.size,
    roleAgreement: roleAgree / hit.length,
    missed: [...truth].filter((p) => !got.has(p)),
    extra: [...got].filter((p) => !truth.has(p)),
    roleDiffs: hit
      .filter((p) => {
        const [t, pl] = p.split("|");
        return JSON.stringify(roles(labelled, t, pl)) !== JSON.stringify(roles(predicted, t, pl));
      })
      .map((p) => {
        const [t, pl] = p.split("|");
        return `${p}: labelled ${roles(labelled, t, pl)} vs ${roles(predicted, t, pl)}`;
      }),
  };
}

describe("linkPlaces on the seeded plan: precision and recall against the hand-labelled set", () => {
  const report = (name: string, r: ReturnType<typeof evaluate>) =>
    console.log(
      `[geo] ${name} (plan from ${loader}): precision ${r.precision.toFixed(3)} (${r.predicted} predicted), recall ${r.recall.toFixed(3)} (${r.pairs} labelled), ` +
        `role agreement ${r.roleAgreement.toFixed(3)}` +
        (r.missed.length ? `\n  missed: ${r.missed.join(", ")}` : "") +
        (r.extra.length ? `\n  extra: ${r.extra.join(", ")}` : "") +
        (r.roleDiffs.length ? `\n  role differences: ${r.roleDiffs.join("; ")}` : ""),
    );

  it("the linker alone, on the pairs where a place is named (citywide fallbacks left out), is at least 0.95 on both", () => {
    const r = evaluate(links, false);
    report("linker, named places", r);
    expect(r.precision).toBeGreaterThanOrEqual(0.95);
    expect(r.recall).toBeGreaterThanOrEqual(0.95);
  });

  it("the linker alone, on every pair including the citywide ones, is at least 0.95 on both", () => {
    const r = evaluate(links, true);
    report("linker, all pairs", r);
    expect(r.precision).toBeGreaterThanOrEqual(0.95);
    expect(r.recall).toBeGreaterThanOrEqual(0.95);
  });

  it("with the curated overrides, every labelled pair is found and nothing else", () => {
    const r = evaluate(applyOverrides(links, overrides), true);
    report("linker + seeds/place-links.curated.json", r);
    expect(r.missed).toEqual([]);
    expect(r.extra).toEqual([]);
  });
});
