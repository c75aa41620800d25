import { healthStates } from "./format.js";

// The heat map's colours, apart from any page: the worker that reads an answer (js/heatreader.js) colours the cells
// too small for a mark, and the page draws cells and marks with the same colours.
export const stateCodes = Object.fromEntries(healthStates.map((name, code) => [name, code]));
export const unmeasured = 255;

// Utilization in 2-point steps: the heat map sets a fill colour once per step, not once per cell.
export const colourSteps = 50;
export const step = (util) => Math.round(Math.min(Math.max(util, 0), 100) / (100 / colourSteps));

// Utilization 0–100 % → a perceptually even ramp (viridis stops): dark is idle, bright is busy.
const ramp = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
export const healthColour = { degraded: "#e69f00", unhealthy: "#ff6b5b", offline: "#8b949e" };

function utilRgb(util) {
  const x = Math.min(Math.max(util, 0), 100) / 100 * (ramp.length - 1);
  const i = Math.min(Math.floor(x), ramp.length - 2);
  const f = x - i;
  return ramp[i].map((v, k) => Math.round(v + (ramp[i + 1][k] - v) * f));
}

export function utilColour(util) {
  if (util === null || util === undefined) return "#2d333b";
  const c = utilRgb(util);
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

export function rampCss() {
  return `linear-gradient(to right, ${ramp.map((c) => `rgb(${c.join(",")})`).join(", ")})`;
}

// A fill colour per utilization step.
export const palette = Array.from({ length: colourSteps + 1 }, (_, i) => utilColour((i * 100) / colourSteps));

// The same colours as canvas pixels (RGBA in a little-endian Uint32).
const pixel = ([r, gr, b]) => (255 << 24 | b << 16 | gr << 8 | r) >>> 0;
const hex = (h) => [1, 3, 5].map((k) => parseInt(h.slice(k, k + 2), 16));
const palettePixels = Array.from({ length: colourSteps + 1 }, (_, i) => pixel(utilRgb((i * 100) / colourSteps)));
const unmeasuredPixel = pixel(hex("#2d333b"));
const statePixels = [null, pixel(hex("#e69f00")), pixel(hex("#ff6b5b")), pixel(hex("#6e7681"))];

// A cell too small for a mark takes its health's colour when not healthy (the legend says so, hovering says which).
export const cellPixel = (state, k) => statePixels[state] ?? (k === unmeasured ? unmeasuredPixel : palettePixels[k]);
