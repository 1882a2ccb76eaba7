import { describe, expect, it } from "vitest";
import { pageWithSettings } from "../../../server/src/app.ts";
import { normalizeConfig } from "../../../client/src/config.ts";

const PAGE = `<!doctype html><html><head><title>t</title></head><body><div id="root"></div></body></html>`;

/** What the page's script would set window.__ATLAS_CONFIG__ to. */
function settingsIn(html: string): unknown {
  const m = /<script>window\.__ATLAS_CONFIG__ = (.*?);<\/script>/.exec(html);
  if (!m) throw new Error("no settings script in the page");
  return new Function(`return (${m[1]});`)();
}

describe("the map page carries the client's settings", () => {
  it("writes them into the head, as the client reads them", () => {
    const html = pageWithSettings(PAGE, {
      basemapUrl: "https://tiles.example.org/{z}/{x}/{y}.png",
      projectTileThreshold: 20000,
    });
    expect(html.indexOf("__ATLAS_CONFIG__")).toBeLessThan(html.indexOf("</head>"));
    const settings = settingsIn(html);
    expect(settings).toEqual({ basemapUrl: "https://tiles.example.org/{z}/{x}/{y}.png", projectTileThreshold: 20000 });
    expect(normalizeConfig(settings).basemap).toBe("osm");
    expect(pageWithSettings(PAGE, { basemapUrl: null })).toContain(`window.__ATLAS_CONFIG__ = {"basemapUrl":null};`);
  });

  it("keeps a value from closing the script or being read as a replacement pattern", () => {
    const hostile = "https://x.example.org/</script><script>alert(1)</script>$&$'{z}";
    const html = pageWithSettings(PAGE, { basemapUrl: hostile });
    expect(html).not.toContain("</script><script>alert");
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(settingsIn(html)).toEqual({ basemapUrl: hostile });
    expect(html.endsWith(`</head><body><div id="root"></div></body></html>`)).toBe(true);
  });

  it("refuses a page it cannot write into", () => {
    expect(() => pageWithSettings("<html><body></body></html>", {})).toThrow(/no <\/head>/);
  });
});
