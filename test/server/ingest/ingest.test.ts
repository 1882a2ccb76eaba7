import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { ingestPlanText, planIdFor } from "../../../server/src/ingest/ingest.ts";
import type { ParsedPlan } from "../../../server/src/ingest/types.ts";

const raw = readFileSync(new URL("../../../seeds/taiyuan-2013-30.plan.txt", import.meta.url));
const { plan, summary } = ingestPlanText(raw);
const task = (id: string) => plan.tasks.find((t) => t.id === id)!;
const indicator = (id: string) => plan.indicators.find((i) => i.id === id)!;
const at = (p: ParsedPlan, span: { start: number; end: number }) => p.sourceText.slice(span.start, span.end);

describe("the seeded plan", () => {
  it("carries the plan's metadata", () => {
    expect(plan).toMatchObject({
      id: "taiyuan-2013-30",
      docNumber: "并政發〔2013〕30號",
      title: "太原市資源型經濟轉型綜合配套改革試驗實施方案(2013-2015年)",
      issuer: "太原市人民政府",
      issuedOn: "2013-07-16",
      periodStart: 2013,
      periodEnd: 2015,
    });
    expect(plan.titleEn).toMatch(/^Taiyuan Implementation Plan/);
    expect(planIdFor("并政發〔2013〕30號")).toBe("taiyuan-2013-30");
  });

  it("reports what normalisation did", () => {
    expect(summary.annotationsRemoved).toBe(1518);
    expect(summary.passagesRepaired).toBe(9);
    expect(summary.unrepaired).toBe(0);
    expect(summary.warnings).toEqual([]);
    const methods = plan.repairs.map((r) => r.method);
    expect(methods.filter((m) => m === "mojibake-curated")).toHaveLength(9);
    expect(methods.filter((m) => m === "pinyin-annotation").length).toBeGreaterThan(1490);
  });

  it("has the expected tasks of each kind", () => {
    const count = (kind: string) => plan.tasks.filter((t) => t.kind === kind).length;
    expect([
      count("REFORM"),
      count("MATTER"),
      count("RESEARCH"),
      count("SAFEGUARD"),
      count("PROJECT_PROGRAM"),
      count("PILOT"),
    ]).toEqual([20, 41, 8, 6, 1, 3]);
    expect(plan.tasks.filter((t) => t.kind === "REFORM").map((t) => t.id)).toEqual(
      Array.from({ length: 20 }, (_, i) => `reform-${i + 1}`),
    );
    expect(plan.tasks.map((t) => t.ordinal)).toEqual(plan.tasks.map((_, i) => i));
    expect(new Set(plan.tasks.map((t) => t.id)).size).toBe(plan.tasks.length);
  });

  it("puts matters in their five groups", () => {
    const groupOf = (n: number) => task(`matter-${n}`).sectionId;
    expect([
      groupOf(1),
      groupOf(12),
      groupOf(13),
      groupOf(21),
      groupOf(22),
      groupOf(31),
      groupOf(32),
      groupOf(37),
      groupOf(38),
      groupOf(41),
    ]).toEqual(["5.1", "5.1", "5.2", "5.2", "5.3", "5.3", "5.4", "5.4", "5.5", "5.5"]);
  });

  it("builds sections with ids, refs, headings and prose", () => {
    const section = (id: string) => plan.sections.find((s) => s.id === id)!;
    expect(plan.sections.filter((s) => s.parentId === null).map((s) => s.ref)).toEqual([
      "一、",
      "二、",
      "三、",
      "四、",
      "五、",
      "六、",
      "七、",
      "八、",
      "九、",
    ]);
    expect(section("5.2")).toMatchObject({
      ref: "(二)",
      heading: "生態修復",
      parentId: "5",
      headingEn: "Ecological Restoration",
      text: null,
    });
    expect(section("2.3")).toMatchObject({ ref: "(三)", heading: "先行先試,重點突破", parentId: "2" });
    expect(section("2.3").text).toMatch(/^先行先試,重點突破。進一步解放思想/);
    expect(section("1").text).toMatch(/^全面貫徹落實黨的十八大精神.*提供示范。$/);
    expect(section("8").text!.split("\n")).toHaveLength(3);
    expect(plan.sections.every((s) => s.headingEn.length > 0)).toBe(true);
  });

  it("takes a task's title from its first sentence and its text from after the ref", () => {
    expect(task("reform-1")).toMatchObject({
      ref: "(一)",
      number: 1,
      sectionId: "4",
      title: "深化行政審批制度改革",
      dueYear: 2015,
    });
    expect(task("reform-1").text).toMatch(/^深化行政審批制度改革。探索土地前期手續.*\(牽頭部門:市政務辦\)$/);
    expect(task("matter-22")).toMatchObject({ ref: "22.", title: "全力推進太原-晉中同城化" });
    expect(task("matter-35").title).toBe("合理配置醫療衛生資源");
    expect(task("projects")).toMatchObject({ kind: "PROJECT_PROGRAM", number: 1, ref: "六、", sectionId: "6" });
    expect(task("projects").text).toMatch(/^建立健全轉型項目儲備制度.*分年度推出50個市級重大項目/);
    expect(task("research-8")).toMatchObject({ ref: "(八)", sectionId: "7", title: "開展稅收政策管理體制研究" });
    expect(task("safeguard-6")).toMatchObject({ ref: "(六)", sectionId: "9", title: "加強宣傳引導" });
    expect(plan.tasks.every((t) => t.titleEn.length > 0)).toBe(true);
  });

  it("turns the three paragraphs of 八、 into pilot tasks", () => {
    expect(plan.tasks.filter((t) => t.kind === "PILOT").map((t) => [t.id, t.number, t.ref, t.sectionId])).toEqual([
      ["pilot-counties", 1, "八、", "8"],
      ["pilot-zones", 2, "八、", "8"],
      ["pilot-departments", 3, "八、", "8"],
    ]);
    expect(task("pilot-counties").text).toContain("每年選擇至少1項");
    expect(task("pilot-counties").text).toContain("編制2013-2015年《實施方案》和年度《行動計劃》");
  });

  it("gives every reform, matter and research task its leads exactly as printed", () => {
    for (const t of plan.tasks) {
      const printed = /\((?:牽頭部門|牽頭單位):([^()]+)\)$/.exec(t.text);
      if (["REFORM", "MATTER", "RESEARCH"].includes(t.kind)) {
        expect(printed, t.id).not.toBeNull();
        expect(t.leads.map((l) => l.name)).toEqual(printed![1].split("、"));
      } else {
        expect(t.leads).toEqual([]);
      }
    }
    const leads = (id: string) => task(id).leads.map((l) => [l.name, l.departmentId]);
    expect(leads("matter-24")).toEqual([
      ["市龍投公司", "city-longcheng-investment-company"],
      ["市國投公司", "city-state-investment-company"],
    ]);
    expect(leads("matter-38")).toEqual([
      ["市委辦公廳", "city-party-committee-general-office"],
      ["市政府辦公廳", "city-government-general-office"],
    ]);
    expect(leads("reform-2")).toEqual([["市國土局", "city-land-resources-bureau"]]);
    expect(leads("research-1")).toEqual([["市社科院", "city-academy-social-sciences"]]);
    expect(leads("reform-15")).toEqual([["古交市政府", "gujiao-government"]]);
  });

  it("maps local governments to the places they govern", () => {
    const dept = (id: string) => plan.departments.find((d) => d.id === id)!;
    expect(dept("gujiao-government")).toMatchObject({ name: "古交市政府", jurisdictionPlaceId: "gujiao" });
    expect(dept("wanbailin-government").jurisdictionPlaceId).toBe("wanbailin");
    expect(dept("wusu-bonded-zone-committee").jurisdictionPlaceId).toBe("wusu-bonded-zone");
    expect(dept("city-finance-bureau").jurisdictionPlaceId).toBeNull();
    expect(plan.departments).toHaveLength(37);
    expect(plan.departments.every((d) => d.nameEn.length > 0)).toBe(true);
  });

  it("reads the 13 quantified targets from the text", () => {
    const rows = plan.indicators.map((i) => [
      i.id,
      i.comparator,
      i.target,
      i.unit,
      i.stretchTarget,
      i.baseYear,
      i.targetYear,
    ]);
    expect(rows).toEqual([
      ["traditional-industry-upgrading-rate", "REACH", 75, "%", null, null, 2015],
      ["services-share-of-gdp", "AT_LEAST", 52, "%", null, null, 2015],
      ["rd-spending-share-of-gdp", "AT_LEAST", 3, "%", null, null, 2015],
      ["high-tech-share-of-gdp", "AT_LEAST", 13, "%", null, null, 2015],
      ["household-waste-safe-treatment-rate", "REACH", 98, "%", null, null, 2015],
      ["sewage-treatment-rate", "REACH", 95, "%", null, null, 2015],
      ["gas-coverage-rate", "REACH", 98, "%", null, null, 2015],
      ["central-heating-rate", "AT_LEAST", 95, "%", null, null, 2015],
      ["forest-coverage", "REACH", 23, "%", 25, null, 2015],
      ["energy-intensity", "REDUCE_BY", 16, "%", null, 2010, 2015],
      ["carbon-intensity", "REDUCE_BY", 17, "%", null, 2010, 2015],
      ["urban-disposable-income", "REACH", 31800, "CNY", null, null, 2015],
      ["rural-net-income", "REACH", 14000, "CNY", null, null, 2015],
    ]);
    expect(plan.indicators.every((i) => i.scopePlaceId === "taiyuan" && i.nameEn.length > 0)).toBe(true);
    expect(at(plan, indicator("forest-coverage").span)).toBe("森林覆蓋率達到23%,力爭達到25%");
    expect(at(plan, indicator("energy-intensity").span)).toBe("單位地區生產總值能耗比2010年下降16%");
    expect(indicator("rd-spending-share-of-gdp").name).toBe("研究與試驗發展經費支出占地區生產總值的比重");
  });

  it("links indicators to the tasks that serve them", () => {
    expect(indicator("forest-coverage").taskIds).toContain("matter-16");
    expect(indicator("energy-intensity").taskIds).toEqual(
      expect.arrayContaining(["matter-21", "reform-9", "matter-12"]),
    );
    expect(indicator("household-waste-safe-treatment-rate").taskIds).toEqual(
      expect.arrayContaining(["matter-18", "matter-28"]),
    );
    expect(indicator("sewage-treatment-rate").taskIds).toEqual(expect.arrayContaining(["matter-19", "reform-10"]));
    expect(indicator("rd-spending-share-of-gdp").taskIds).toEqual(expect.arrayContaining(["reform-4", "matter-11"]));
  });

  it("points every span at the words it came from", () => {
    for (const t of plan.tasks) {
      expect(at(plan, t.span), t.id).toBe(t.text);
      for (const l of t.leads) expect(at(plan, l.span)).toBe(l.name);
      if (t.kind !== "PILOT" && t.kind !== "PROJECT_PROGRAM") expect(t.text.startsWith(t.title), t.id).toBe(true);
    }
    for (const s of plan.sections) {
      expect(at(plan, s.span).startsWith(s.ref + s.heading.slice(0, 4)), s.id).toBe(true);
      if (s.text) expect(at(plan, s.span)).toContain(s.text);
    }
    for (const i of plan.indicators) expect(at(plan, i.span)).toContain(i.name);
    for (const r of plan.repairs) expect(at(plan, r.span)).toBe(r.repaired);
  });

  it("serves text with no annotation, no lost byte and no mojibake", () => {
    expect(plan.sourceText).not.toMatch(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/);
    expect(plan.sourceText).not.toMatch(/[?\uFFFD]/);
    expect(plan.sourceText).not.toMatch(/[椒ゼ涌欤瑯茖苹漆摿Ψ甓饶繕恕⑷蝿嵤┓桨]/);
    expect(plan.sourceText.split("\n")).toHaveLength(113);
  });

  it("reads each of the nine damaged passages as the original sentence", () => {
    for (const sentence of [
      "傳統產業新型化和新興產業規模化步伐加快,構建以高端制造",
      "推動農村土地承包經營權向專業大戶、家庭農場",
      "歷史文化街區和城中村改造規劃。科學合理編制鎮總體規劃",
      "合理配置醫療衛生資源。科學調控醫療衛生機構的數量",
      "其余市級醫院逐步向特色專科化轉型,",
      "構建我市綜合醫院品牌化、專科醫院特色化、公共衛生網絡化",
      "結合產業發展歷史沿革和未來發展潛力分析,提出太原主導產業布局和發展重點",
      "研究提出全市轉型綜改試驗年度目標、任務和要求,并分解下達",
      "提出本區域實施方案、年度計劃和配套措施",
    ]) {
      expect(plan.sourceText).toContain(sentence);
    }
  });
});

describe("a plan of the same shape", () => {
  const county = readFileSync(new URL("./fixtures/county-plan.txt", import.meta.url));
  const curation = {
    departments: [
      { id: "a", name: "市政務辦", nameEn: "A", jurisdictionPlaceId: null },
      { id: "b", name: "市國土局", nameEn: "B", jurisdictionPlaceId: null },
      { id: "c", name: "市經信委", nameEn: "C", jurisdictionPlaceId: null },
      { id: "d", name: "市科技局", nameEn: "D", jurisdictionPlaceId: null },
    ],
  };

  it("ingests without baked-in counts, deriving its id from the document number", () => {
    const { plan: p } = ingestPlanText(county, { curation });
    expect(p.id).toBe("gujiao-2014-7");
    expect([p.periodStart, p.periodEnd, p.issuedOn]).toEqual([2014, 2016, "2014-03-02"]);
    expect(p.tasks.map((t) => t.id)).toEqual(["reform-1", "reform-2", "matter-1", "matter-2", "safeguard-1"]);
    expect(p.tasks.find((t) => t.id === "reform-2")!.dueYear).toBe(2015);
    expect(p.indicators).toMatchObject([
      { id: "indicator-1", target: 30, stretchTarget: 32, targetYear: 2016, scopePlaceId: "gujiao" },
    ]);
  });

  it("names a lead unit that curation does not know", () => {
    expect(() => ingestPlanText(county, { curation: { departments: curation.departments.slice(1) } })).toThrow(
      /lead unit 市政務辦 of task reform-1 is not listed in departments\.json/,
    );
  });
});
