/**
 * The baseline of the client benchmark (test/bench/client/run.ts): the least a
 * React 18 + MapLibre 5 map page can be. One full-window map with an inline
 * one-layer style (no glyphs, no network), marking "atlas:map-load" on load
 * exactly as the product's map-view.tsx does, so both pages are timed alike.
 */
import { useEffect, useRef } from "react";
import { createRoot } from "react-dom/client";
import maplibregl, { type StyleSpecification } from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";

declare global {
  interface Window {
    /** The map, for the benchmark's camera motion (the product exposes window.__atlas). */
    __bareMap?: maplibregl.Map;
  }
}

const STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: "background", type: "background", paint: { "background-color": "#f4f1ea" } }],
};

function BareMap() {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    const map = new maplibregl.Map({ container: container.current, style: STYLE, center: [112.55, 37.87], zoom: 8 });
    window.__bareMap = map;
    map.on("load", () => performance.mark("atlas:map-load"));
    return () => map.remove();
  }, []);
  return <div ref={container} style={{ position: "absolute", inset: 0 }} />;
}

const root = document.getElementById("root");
if (root) createRoot(root).render(<BareMap />);
