/**
 * A stand-in for server/src/ingest's ingestPlanText, used only while that
 * module does not exist: strips the `(pinyin)` annotations and cuts the plan
 * into tasks by their printed numbers. Enough to evaluate the linker, nothing
 * more (mojibake stays as is; departments are the printed lead names).
 */
import type { LinkablePlan } from "../../../geo/src/link-places.ts";

const ANNOTATION = /\((?:[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]+)\)/g;
const CN = "一二三四五六七八九十";
const cnNumber = (s: string): number => {
  if (s === "十") return 10;
  if (s.startsWith("十")) return 10 + CN.indexOf(s[1]) + 1;
  if (s.endsWith("十")) return (CN.indexOf(s[0]) + 1) * 10;
  if (s.includes("十")) return (CN.indexOf(s[0]) + 1) * 10 + CN.indexOf(s[2]) + 1;
  return CN.indexOf(s) + 1;
};
const JURISDICTION: Record<string, string> = {
  古交市政府: "gujiao",
  萬柏林區政府: "wanbailin",
  武宿綜合保稅區管委會: "wusu-bonded-zone",
};

export function minimalPlan(raw: string): LinkablePlan {
  const sourceText = raw.replace(ANNOTATION, "");
  const tasks: LinkablePlan["tasks"] = [];
  const departments = new Map<string, string | null>();
  let section = "";
  let pilot = 0;
  let offset = 0;
  for (const line of sourceText.split("\n")) {
    const start = offset;
    offset += line.length + 1;
    const top = /^([一二三四五六七八九十]+)、/.exec(line);
    if (top) {
      section = top[1];
      if (section === "六") continue;
      continue;
    }
    let id: string | null = null;
    const paren = /^\(([一二三四五六七八九十]+)\)/.exec(line);
    const num = /^(\d+)\./.exec(line);
    if (section === "四" && paren) id = `reform-${cnNumber(paren[1])}`;
    else if (section === "五" && num) id = `matter-${num[1]}`;
    else if (section === "六") id = "projects";
    else if (section === "七" && paren) id = `research-${cnNumber(paren[1])}`;
    else if (section === "八") id = ["pilot-counties", "pilot-zones", "pilot-departments"][pilot++] ?? null;
    else if (section === "九" && paren) id = `safeguard-${cnNumber(paren[1])}`;
    if (!id) continue;
    const leads: LinkablePlan["tasks"][number]["leads"] = [];
    const note = /\(牽頭(?:部門|單位):([^)]*)\)/.exec(line);
    if (note) {
      let p = start + note.index + note[0].indexOf(":") + 1;
      for (const name of note[1].split("、")) {
        departments.set(name, JURISDICTION[name] ?? null);
        leads.push({ departmentId: name, span: { start: p, end: p + name.length } });
        p += name.length + 1;
      }
    }
    tasks.push({ id, text: line, span: { start, end: start + line.length }, leads });
  }
  return {
    sourceText,
    tasks,
    departments: [...departments].map(([id, jurisdictionPlaceId]) => ({ id, jurisdictionPlaceId })),
  };
}
