/**
 * What is known only to lie somewhere in the city (precision ADM2): its stand-in point, in
 * Jiancaoping, is no position, so the map draws none of it (places.ts placeFeatures,
 * projects.ts projectFeatures) and the legend lists it instead, with its count.
 */
import type { MapPlace, MapProject } from "../../api/types.ts";
import { placeGroup } from "./places.ts";
import { isCitywide } from "./projects.ts";

export interface CitywideItem {
  kind: "place" | "project";
  id: string;
  name: string;
}

/** The places, then the projects, known only at city level, in their given order. */
export function citywideItems(
  places: MapPlace[],
  projects: MapProject[],
  placeLabel: (p: MapPlace) => string,
  projectLabel: (p: MapProject) => string,
): CitywideItem[] {
  return [
    ...places
      .filter((p) => placeGroup(p) === "citywide")
      .map((p) => ({ kind: "place" as const, id: p.id, name: placeLabel(p) })),
    ...projects.filter(isCitywide).map((p) => ({ kind: "project" as const, id: p.id, name: projectLabel(p) })),
  ];
}
