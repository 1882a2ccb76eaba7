/**
 * Which layers cost frames while the camera moves (an investigation helper, not part of the run):
 * node --import tsx test/bench/client/layer-cost.ts PRODUCT_URL BARE_URL [rounds]
 * Opens the product on ?tab=projects, waits until idle, then moves the camera as run.ts does with groups of
 * layers hidden in turn (and the bare page between), alternating, and prints the median frame of each.
 */
import { chromium, type Page } from "playwright-core";
import { CHROMIUM_ARGS } from "../../e2e/global-setup.ts";

const [productUrl, bareUrl] = process.argv.slice(2);
const rounds = Number(process.argv[4] ?? 2);
const MS = Number(process.env.MOTION_MS ?? 3000);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: CHROMIUM_ARGS,
});

async function open(url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: "zh-CN" });
  await context.addInitScript("globalThis.__name = (fn) => fn;");
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => Boolean((window as any).__atlas?.loaded || (window as any).__bareMap), null, {
    timeout: 120_000,
  });
  await page.waitForLoadState("networkidle", { timeout: 120_000 });
  await page.waitForTimeout(1000);
  return page;
}

async function move(page: Page): Promise<number> {
  const gaps = await page.evaluate(
    (durationMs) =>
      new Promise<number[]>((resolve) => {
        const m = ((window as any).__atlas?.map ?? (window as any).__bareMap)!;
        const c = m.getCenter();
        const z0 = m.getZoom();
        const stamps: number[] = [];
        let start: number | null = null;
        const step = (ts: number) => {
          start ??= ts;
          stamps.push(ts);
          const t = (ts - start) / durationMs;
          if (t >= 1) {
            m.jumpTo({ center: c, zoom: z0 });
            resolve(stamps.slice(1).map((s, i) => s - stamps[i]));
            return;
          }
          const a = 2 * Math.PI * t;
          m.jumpTo({
            center: [c.lng + 0.3 * Math.sin(a), c.lat + 0.2 * (1 - Math.cos(a))],
            zoom: z0 + 2 * Math.sin(Math.PI * t),
          });
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
    MS,
  );
  await page.waitForTimeout(500);
  const s = gaps.sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const groups: Record<string, (id: string, type: string) => boolean> = {
  all: () => false,
  "no symbols": (_id, type) => type === "symbol",
  "no fills": (_id, type) => type === "fill",
  "no lines": (_id, type) => type === "line",
  "no circles": (_id, type) => type === "circle",
  "background only": (id) => id !== "background",
};

const product = await open(`${productUrl}/?tab=projects`);
const bare = await open(`${bareUrl}/`);
const results: Record<string, number[]> = { bare: [] };
for (let r = 0; r < rounds; r++) {
  for (const [name, hide] of Object.entries(groups)) {
    await product.evaluate(
      (hidden) => {
        const m = (window as any).__atlas.map;
        for (const l of m.getStyle().layers)
          m.setLayoutProperty(l.id, "visibility", hidden.includes(l.id) ? "none" : "visible");
      },
      (await product.evaluate(() => (window as any).__atlas.map.getStyle().layers.map((l: any) => [l.id, l.type])))
        .filter(([id, t]: [string, string]) => hide(id, t))
        .map(([id]: [string]) => id),
    );
    (results[name] ??= []).push(await move(product));
    results.bare.push(await move(bare));
    process.stdout.write(
      `round ${r + 1} ${name}: ${results[name].at(-1)!.toFixed(1)} (bare ${results.bare.at(-1)!.toFixed(1)})\n`,
    );
  }
}
for (const [k, v] of Object.entries(results)) process.stdout.write(`${k}: ${v.map((x) => x.toFixed(1)).join(", ")}\n`);
await browser.close();
