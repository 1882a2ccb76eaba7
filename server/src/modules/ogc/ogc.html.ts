/**
 * The HTML form of the /ogc documents (requirement class "HTML"): plain pages a person can read,
 * with every link of the JSON form and the features' properties as tables. No script, no styles
 * from elsewhere; every value is escaped.
 */
import type { CollectionDocument, Feature, Link } from "./ogc.service.ts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font: 15px/1.5 system-ui, "Noto Sans CJK SC", sans-serif; margin: 1.5rem; color: #1d2630; }
p { max-width: 60rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #c8d0d8; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eef2f5; }
code { font-size: 13px; }
nav a { margin-right: 1rem; }
</style>
</head>
<body>
<nav><a href="/ogc?f=html">OGC API – Features</a><a href="/ogc/collections?f=html">collections</a><a href="/">map</a></nav>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`;
}

function linkList(links: Link[]): string {
  const items = links.map(
    (l) =>
      `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.title ?? l.href)}</a> <code>${escapeHtml(l.rel)}</code> <code>${escapeHtml(l.type)}</code></li>`,
  );
  return `<h2>Links</h2><ul>${items.join("")}</ul>`;
}

function table(headers: string[], rows: unknown[][]): string {
  const head = `<tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr>`;
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((c) => `<td>${typeof c === "object" && c && "html" in c ? (c as { html: string }).html : escapeHtml(c)}</td>`).join("")}</tr>`,
    )
    .join("");
  return `<table>${head}${body}</table>`;
}

export function landingHtml(doc: { title: string; description: string; links: Link[] }): string {
  return page(doc.title, `<p>${escapeHtml(doc.description)}</p>${linkList(doc.links)}`);
}

export function conformanceHtml(conformsTo: string[]): string {
  return page(
    "Conformance",
    `<ul>${conformsTo.map((c) => `<li><a href="${escapeHtml(c)}">${escapeHtml(c)}</a></li>`).join("")}</ul>`,
  );
}

function extentText(c: CollectionDocument): string {
  const b = c.extent.spatial.bbox[0];
  const t = c.extent.temporal?.interval[0];
  return `bbox ${b.join(", ")}${t ? `; ${t[0] ?? ".."} – ${t[1] ?? ".."}` : ""}`;
}

export function collectionsHtml(collections: CollectionDocument[], links: Link[]): string {
  const rows = collections.map((c) => [
    { html: `<a href="${escapeHtml(c.links[0].href)}?f=html">${escapeHtml(c.id)}</a>` },
    c.title,
    c.description,
    extentText(c),
  ]);
  return page("Collections", table(["id", "title", "description", "extent (CRS84)"], rows) + linkList(links));
}

export function collectionHtml(c: CollectionDocument, queryables: string[]): string {
  const facts = table(
    ["", ""],
    [
      ["id", c.id],
      ["description", c.description],
      ["extent", extentText(c)],
      ["CRS", c.crs.join(", ")],
      ["filters", queryables.join(", ")],
    ],
  );
  return page(c.title, facts + linkList(c.links));
}

export function itemsHtml(
  title: string,
  fc: { features: Feature[]; numberMatched: number; numberReturned: number; timeStamp: string; links: Link[] },
  itemHref: (id: string) => string,
): string {
  const keys = [...new Set(fc.features.flatMap((f) => Object.keys(f.properties)))];
  const rows = fc.features.map((f) => [
    { html: `<a href="${escapeHtml(itemHref(f.id))}">${escapeHtml(f.id)}</a>` },
    f.geometry?.type ?? "",
    ...keys.map((k) => f.properties[k]),
  ]);
  const nav = fc.links
    .filter((l) => l.rel === "prev" || l.rel === "next")
    .map((l) => `<a href="${escapeHtml(withHtml(l.href))}">${escapeHtml(l.title ?? l.rel)}</a>`);
  const summary = `<p>${fc.numberReturned} of ${fc.numberMatched} features (as of ${escapeHtml(fc.timeStamp)}). ${nav.join(" ")}</p>`;
  return page(title, summary + table(["id", "geometry", ...keys], rows) + linkList(fc.links));
}

export function featureHtml(title: string, f: Feature, links: Link[]): string {
  const rows: unknown[][] = [["id", f.id], ["geometry", f.geometry?.type ?? ""], ...Object.entries(f.properties)];
  return page(title, table(["property", "value"], rows) + linkList(links));
}

export function queryablesHtml(title: string, properties: Record<string, unknown>): string {
  const rows = Object.entries(properties).map(([name, schema]) => [name, JSON.stringify(schema)]);
  return page(`${title}: queryables`, table(["property", "JSON Schema"], rows));
}

export function apiHtml(doc: Record<string, unknown>): string {
  const paths = Object.entries(
    doc.paths as Record<string, { get: { summary?: string; parameters?: { name?: string; $ref?: string }[] } }>,
  );
  const rows = paths.map(([p, item]) => [
    p,
    item.get.summary ?? "",
    (item.get.parameters ?? []).map((x) => x.name ?? x.$ref?.split("/").pop()).join(", "),
  ]);
  return page(
    "API definition (OpenAPI 3.0)",
    `<p><a href="?f=json">the OpenAPI document (JSON)</a></p>` +
      table(["path (GET)", "what", "query parameters"], rows),
  );
}

/** The same link with f=html instead of any other format. */
function withHtml(href: string): string {
  const url = new URL(href);
  url.searchParams.set("f", "html");
  return url.toString();
}
