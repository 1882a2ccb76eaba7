/**
 * A timeline of one product load (a helper for the client benchmark's investigations, not part of the run):
 * node --import tsx test/bench/client/probe.ts URL [loads]
 * Prints, per load, when the map loaded, when each of our sources first held data and was loaded,
 * how many frames were drawn, and the marks.
 */
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS } from "../../e2e/global-setup.ts";

const url = process.argv[2];
const loads = Number(process.argv[3] ?? 3);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: CHROMIUM_ARGS,
});
for (let i = 0; i < loads; i++) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: "zh-CN" });
  await context.addInitScript(`
    globalThis.__name = (fn) => fn;
    window.__probe = [];
    const t0 = () => performance.now().toFixed(0);
    const origFetch = window.fetch;
    window.fetch = function (input, init) {
      const body = init && typeof init.body === "string" ? init.body : "";
      const names = (body.match(/(query|mutation) (\\w+)/g) || []).map((x) => x.split(" ")[1]).join(",");
      window.__probe.push(t0() + " fetch " + names);
      return origFetch.apply(this, arguments).then((r) => { window.__probe.push(t0() + " answered " + names); return r; });
    };
    const poll = () => {
      const m = window.__atlasMap || (window.__atlas && window.__atlas.map);
      if (!m) return setTimeout(poll, 5);
      window.__probe.push(t0() + " map created");
      const app = () => (window.__atlas ? window.__probe.push(t0() + " app mounted (__atlas)") : setTimeout(app, 5));
      app();
      let frames = 0;
      const seen = new Set();
      m.on("render", () => { frames++; });
      m.on("sourcedata", (e) => {
        if (e.sourceId && !seen.has(e.sourceId) && m.isSourceLoaded(e.sourceId)) {
          const src = m.getSource(e.sourceId);
          const data = src && src._data;
          const n = data && data.features ? data.features.length : (data && data.geojson ? data.geojson.features?.length : "?");
          if (n === 0) return;
          seen.add(e.sourceId);
          window.__probe.push(t0() + " loaded " + e.sourceId + " (" + n + " features) frames " + frames);
        }
      });
      m.on("dataloading", (e) => { if (e.sourceId) window.__probe.push(t0() + " dataloading " + e.sourceId + (e.tile ? " tile " + e.tile.tileID.canonical.z + "/" + e.tile.tileID.canonical.x + "/" + e.tile.tileID.canonical.y : "")); });
      m.on("idle", () => window.__probe.push(t0() + " idle, frames " + frames));
      m.on("moveend", () => window.__probe.push(t0() + " moveend z " + m.getZoom().toFixed(3) + " c " + m.getCenter().toArray().map((x) => x.toFixed(4)).join(",")));
      m.on("resize", () => window.__probe.push(t0() + " resize " + m.getCanvas().clientWidth + "x" + m.getCanvas().clientHeight));
    };
    poll();
  `);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName("atlas:places-drawn").length > 0, null, {
    timeout: 60_000,
  });
  await page.waitForTimeout(1500);
  const out = await page.evaluate(() => ({
    marks: performance.getEntriesByType("mark").map((m) => `${m.startTime.toFixed(0)} mark ${m.name}`),
    probe: (window as unknown as { __probe: string[] }).__probe,
  }));
  const lines = [...out.marks, ...out.probe].sort((a, b) => parseFloat(a) - parseFloat(b));
  process.stdout.write(`--- load ${i + 1}\n${lines.join("\n")}\n`);
  await context.close();
}
await browser.close();
