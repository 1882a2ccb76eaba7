import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ValidationError } from "../../../server/src/core/errors.ts";
import { GeoPrecision, PlaceKind, ProjectCategory } from "../../../server/src/core/enums.ts";
import {
  coarsest,
  createGeocoder,
  geocode,
  precisionAt,
  type GeocodePlace,
} from "../../../server/src/modules/project/geocode.ts";
import {
  checkGeometry,
  draftFromInput,
  generatedId,
  parseCategory,
  parseProjectCsv,
  parseProjectGeoJson,
} from "../../../server/src/modules/project/project-import.ts";
import { parseCsvRecords } from "../../../server/src/csv.ts";
import { readGazetteer } from "../../../geo/read-gazetteer.ts";

const places: GeocodePlace[] = readGazetteer().map((p) => ({
  id: p.id,
  kind: p.kind as PlaceKind,
  precision: p.precision as GeoPrecision,
  nameHans: p.name,
  nameHant: p.nameHant,
  aliases: p.aliases,
}));

describe("parseCsvRecords (RFC 4180)", () => {
  it("reads quoted commas, doubled quotes and line breaks inside quotes; CRLF and LF both end records", () => {
    const records = parseCsvRecords('a,"b,c","say ""hi""\r\nthere"\r\nd,e,f\ng,,\n');
    expect(records.map((r) => r.fields)).toEqual([
      ["a", "b,c", 'say "hi"\r\nthere'],
      ["d", "e", "f"],
      ["g", "", ""],
    ]);
    expect(records.every((r) => r.error === null)).toBe(true);
  });

  it("flags a stray quote and an unclosed quote on their own record only", () => {
    const records = parseCsvRecords('a,b"c\nd,e\nf,"open');
    expect(records[0].error).toMatch(/field 2: a quote inside a field/);
    expect(records[1]).toEqual({ fields: ["d", "e"], error: null, line: 2 });
    expect(records[2].error).toMatch(/never closed/);
  });

  it("round-trips any fields written with RFC 4180 quoting", () => {
    const field = fc.string({ unit: fc.constantFrom("a", "清", ",", '"', "\n", "\r\n", " ", "1") });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = rows.map((r) => r.map((f) => `"${f.replace(/"/g, '""')}"`).join(",")).join("\r\n");
        expect(parseCsvRecords(text).map((r) => r.fields)).toEqual(rows);
      }),
    );
  });
});

describe("parseProjectCsv", () => {
  it("accepts a BOM and numbers rows from the first data row, blank lines included", () => {
    const parsed = parseProjectCsv("\uFEFFname,task_ids,place\n古交项目,matter-15,古交市\n\n,matter-3,清徐\n");
    expect(parsed.drafts).toHaveLength(1);
    expect(parsed.drafts[0]).toMatchObject({
      row: 1,
      nameHans: "古交项目",
      nameHant: "古交項目",
      position: { kind: "place", name: "古交市" },
    });
    expect(parsed.refused).toMatchObject([{ row: 3, message: "line 4: name: required, expected the project's name" }]);
  });

  it("names every wrong column of a row and what was expected", () => {
    const parsed = parseProjectCsv(
      "id,name,task_ids,category,lng,lat,start_year,end_year,investment_cny\nBad Id,x,matter-3,green,200,37,2016,2014,-5\n",
    );
    const message = parsed.refused[0].message;
    expect(message).toMatch(/^line 2: id: expected a slug/);
    expect(message).toMatch(/category: expected one of INDUSTRIAL_TRANSFORMATION/);
    expect(message).toMatch(/lng: expected a longitude in degrees/);
    expect(message).toMatch(/start_year, end_year: the start \(2016\) must not be after the end \(2014\)/);
    expect(message).toMatch(/investment_cny: expected an amount in yuan, 0 or more, got "-5"/);
  });

  it("refuses a row with only one of lng and lat, and a row with no position", () => {
    const parsed = parseProjectCsv("name,task_ids,lng,lat,place\na,matter-3,112.5,,\nb,matter-3,,,\n");
    expect(parsed.refused.map((p) => p.message)).toEqual([
      "line 2: lng, lat: give both or neither, got only lng",
      "line 3: position: expected lng and lat, or place (a place name in either script or a place id)",
    ]);
  });

  it.each([
    ["", /empty/],
    ["name,name,task_ids,place\n", /column name appears twice/],
    ["\u0000\u0001", /binary/],
    ['"name,task_ids\n', /header row is malformed/],
  ])("refuses the whole file %j", (content, message) => {
    expect(() => parseProjectCsv(content)).toThrow(ValidationError);
    expect(() => parseProjectCsv(content)).toThrow(message);
  });
});

describe("parseProjectGeoJson", () => {
  it("reads task_ids as an array or a ;-list and geometry as given", () => {
    const parsed = parseProjectGeoJson(
      JSON.stringify({
        type: "FeatureCollection",
        features: [
          {
            type: "Feature",
            geometry: {
              type: "LineString",
              coordinates: [
                [112.5, 37.8],
                [112.6, 37.9],
              ],
            },
            properties: { name: "线", task_ids: ["matter-25"] },
          },
          {
            type: "Feature",
            geometry: null,
            properties: { name: "点", task_ids: "matter-25;matter-26", place: "小店区" },
          },
        ],
      }),
    );
    expect(
      parsed.drafts.map((d) => [
        d.taskIds,
        d.position?.kind,
        d.position?.kind === "geometry" ? d.position.precision : null,
      ]),
    ).toEqual([
      [["matter-25"], "geometry", "APPROXIMATE"],
      [["matter-25", "matter-26"], "place", null],
    ]);
  });

  it("checks geometry structure before the database sees it", () => {
    expect(
      checkGeometry({
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0.5],
          ],
        ],
      }),
    ).toMatch(/must be closed/);
    expect(checkGeometry({ type: "Point", coordinates: [200, 0] })).toMatch(/not a longitude\/latitude/);
    expect(checkGeometry({ type: "GeometryCollection", geometries: [] })).toMatch(/expected one of Point/);
    expect(checkGeometry({ type: "MultiPoint", coordinates: [[112, 37]] })).toBeNull();
  });
});

describe("geocode", () => {
  it.each([
    ["清徐开发区", "qingxu-development-zone", "清徐开发区"],
    ["清徐開發區", "qingxu-development-zone", "清徐開發區"],
    ["清徐开发区物流园", "qingxu-development-zone", "清徐开发区"],
    ["清徐", "qingxu", "清徐"],
    ["古交市", "gujiao", "古交市"],
    ["太原市清徐县", "qingxu", "清徐县"],
    ["gujiao", "gujiao", "gujiao"],
    ["晋祠泉域", "jinci-spring", "晋祠泉域"],
    ["晉祠", "jinci", "晉祠"],
  ])("%s → %s (alias %s): the longest alias in either script wins", (name, id, alias) => {
    const match = geocode(name, places);
    expect(match?.place.id).toBe(id);
    expect(match?.alias).toBe(alias);
  });

  it("finds nothing for a name no alias occurs in", () => {
    expect(createGeocoder(places)("火星基地")).toBeNull();
    expect(createGeocoder(places)("  ")).toBeNull();
  });

  it("never calls a project at a gazetteer place EXACT", () => {
    for (const p of places) expect(precisionAt(p)).not.toBe(GeoPrecision.EXACT);
    const byId = new Map(places.map((p) => [p.id, p]));
    expect(precisionAt(byId.get("taiyuan")!)).toBe("ADM2");
    expect(precisionAt(byId.get("qingxu")!)).toBe("ADM3");
    expect(precisionAt(byId.get("jinci")!)).toBe("NEAR");
    expect(coarsest([GeoPrecision.NEAR, GeoPrecision.ADM3, GeoPrecision.APPROXIMATE])).toBe("ADM3");
  });
});

describe("rows without an id", () => {
  it("get the same id on every import, different for different content", () => {
    const draft = {
      nameHans: "餐厨项目",
      nameEn: "Kitchen waste, phase 2",
      taskIds: ["matter-18"],
      position: { kind: "place" as const, name: "清徐開發區" },
    };
    expect(generatedId(draft)).toBe(generatedId({ ...draft, taskIds: ["matter-18"] }));
    expect(generatedId(draft)).toMatch(/^kitchen-waste-phase-2-[0-9a-f]{10}$/);
    expect(generatedId({ ...draft, position: { kind: "place", name: "清徐开发区" } })).toBe(generatedId(draft));
    expect(generatedId({ ...draft, nameEn: null })).toMatch(/^project-[0-9a-f]{10}$/);
    expect(generatedId({ ...draft, taskIds: ["matter-28"] })).not.toBe(generatedId(draft));
  });
});

describe("draftFromInput (upsertProject)", () => {
  it("uses the input's field names in messages", () => {
    expect(() => draftFromInput({ name: "x", taskIds: ["matter-3"], startYear: 1990 })).toThrow(
      'project: startYear: expected a year from 2000 to 2100, got "1990"',
    );
    expect(() =>
      draftFromInput({
        name: "x",
        taskIds: ["matter-3"],
        placeName: "古交",
        geometry: { type: "Point", coordinates: [112, 37] },
      }),
    ).toThrow("give either geometry or placeName, not both");
  });

  it("allows no position (an update keeps the stored one)", () => {
    expect(
      draftFromInput({ name: "x", taskIds: ["matter-3"], category: ProjectCategory.LIVELIHOOD }).position,
    ).toBeNull();
  });

  it("reads categories by enum name or Chinese name in either script", () => {
    expect(parseCategory("ecological_restoration")).toBe("ECOLOGICAL_RESTORATION");
    expect(parseCategory("城鄉統籌")).toBe("URBAN_RURAL_INTEGRATION");
    expect(parseCategory("other")).toBeNull();
  });
});
