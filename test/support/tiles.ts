/** Slippy-map tile numbers, for the tests and benchmarks that ask the tile route for a point. */

/** The slippy-map tile at zoom `z` holding a point (Web Mercator, as the tile route numbers them). */
export function tileOf(lng: number, lat: number, z: number): { z: number; x: number; y: number } {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lng + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  };
}
