/** A GeoJSON geometry as the API takes and gives it (RFC 7946, WGS84 [lng, lat]); the scalar checks its type. */
export interface GeoJsonGeometry {
  type: string;
  coordinates?: unknown;
  geometries?: unknown;
}
