import uPlot from "../vendor/uplot/uPlot.esm.js";
import { el } from "./format.js";

const axis = { stroke: "#9da7b3", grid: { stroke: "#30363d" }, ticks: { stroke: "#30363d" } };

// One hour of 10-second means (line) and maxima (thin line) of one field.
export function historyChart(container, title, unit, points) {
  const box = el("figure", { class: "chart", "data-field": title });
  box.append(el("h3", { text: `${title} (${unit})` }));
  container.append(box);
  const width = Math.max(box.clientWidth - 16, 280);
  const data = [points.map((p) => Date.parse(p.t) / 1000), points.map((p) => p.mean), points.map((p) => p.max)];
  return new uPlot({
    width,
    height: 180,
    axes: [axis, { ...axis, size: 56 }],
    series: [{}, { label: "mean", stroke: "#56b4e9", width: 2 }, { label: "max", stroke: "#e69f00", width: 1, dash: [4, 4] }],
  }, data, box);
}
