/** The map area's box and the boxes of what is drawn over it, kept current as they resize. */
import { useEffect, useState, type RefObject } from "react";
import type { Box } from "./fit.ts";

/**
 * What covers the map: the cards at its foot (legend, time slider), its tools, MapLibre's zoom
 * buttons, and the sidebar where it lies over the map (the bottom sheet on a narrow screen; beside
 * the map on a wide one, where it covers nothing).
 */
export const MAP_OVERLAYS = [
  ".map-bottom > *",
  ".map-tools",
  ".maplibregl-ctrl-top-right > .maplibregl-ctrl",
  ".sidebar",
];

export interface OverlayBoxes {
  frame: Box;
  obstacles: Box[];
  /** the layout key these boxes were measured under: until the boxes of a new layout are measured, the last ones stay */
  layout: string;
}

function boxOf(el: Element): Box {
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
}

function measure(area: Element, layout: string): OverlayBoxes {
  const obstacles = MAP_OVERLAYS.flatMap((sel) => [...document.querySelectorAll(sel)])
    .filter((el) => getComputedStyle(el).display !== "none")
    .map(boxOf)
    .filter((b) => b.right > b.left && b.bottom > b.top);
  return { frame: boxOf(area), obstacles, layout };
}

/**
 * Measures the overlays of the map area `area` whenever one of them or the area resizes; `layoutKey`
 * names what changes which overlays exist (panels mounted, a detail open, the screen's layout), so
 * the elements are looked up again when it changes. Null until the first measurement.
 */
export function useOverlayBoxes(area: RefObject<HTMLElement | null>, layoutKey: string): OverlayBoxes | null {
  const [boxes, setBoxes] = useState<OverlayBoxes | null>(null);
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    let frame = 0;
    const update = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const next = measure(el, layoutKey);
        // most resizes (a list scrolling into view, a hover) move nothing that covers the map: no render then
        setBoxes((prev) => (prev && JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
      });
    };
    const ro = new ResizeObserver(update);
    ro.observe(el);
    for (const sel of MAP_OVERLAYS) for (const o of document.querySelectorAll(sel)) ro.observe(o);
    window.addEventListener("resize", update);
    update();
    return () => {
      cancelAnimationFrame(frame);
      ro.disconnect();
      window.removeEventListener("resize", update);
    };
  }, [area, layoutKey]);
  return boxes;
}
