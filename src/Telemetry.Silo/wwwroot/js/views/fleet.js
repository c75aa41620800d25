import { getJson, openGpuAt } from "../api.js";
import { getHeatCells } from "../heatanswer.js";
import { el, num, countsList } from "../format.js";
import { HeatMap } from "../heatmap.js";

// A data center's every GPU is one cell; at national scale a refresh moves megabytes, so at most this often.
const heatMapRefreshMs = 10000;

function facts(dc) {
  return `${num(dc.nodes)} nodes · ${num(dc.gpus)} GPUs · ${num(dc.freeGpus)} free · utilization ${num(dc.utilization?.mean)} % `
    + `(p95 ${num(dc.utilization?.p95)} %) · ${num(dc.powerW / 1000, 1)} kW`;
}

// One section per data center: counts, facts and its heat map, so the whole fleet is seen at a glance.
class DataCenterPanel {
  constructor(id) {
    this.id = id;
    this.counts = el("div");
    this.facts = el("p", { class: "muted" });
    this.section = el("section", { class: "dc", "data-dc": id, "aria-label": `Data center ${id}` },
      el("h2", {}, el("a", { href: `#/dc/${encodeURIComponent(id)}`, text: `Data center ${id}` })), this.counts, this.facts);
    this.heat = new HeatMap(this.section, {
      label: `Heat map of every GPU in ${id}`,
      onOpen: (cell) => openGpuAt(cell.node, cell.index).catch(console.error),
    });
    this.loadedAt = 0;
  }

  show(dc) {
    this.counts.replaceChildren(countsList(dc.gpusByHealth, true));
    this.facts.textContent = facts(dc);
    if (Date.now() - this.loadedAt >= heatMapRefreshMs) {
      this.loadedAt = Date.now();
      getHeatCells(`api/v1/datacenters/${encodeURIComponent(this.id)}/gpus`).then((cells) => this.heat.setCells(cells), console.error);
    }
  }
}

export async function fleetView(page) {
  const totals = el("section", { "aria-label": "Fleet totals", id: "fleet-totals" });
  const list = el("div");
  page.replaceChildren(el("h1", { text: "Fleet" }), totals, el("h2", { text: "Data centers" }), list);
  const panels = new Map();
  const show = (fleet) => {
    totals.replaceChildren(countsList(fleet.gpusByHealth),
      el("p", {}, `${num(fleet.dataCenterCount)} data centers · ${num(fleet.nodes)} nodes · ${num(fleet.gpus)} GPUs · `
        + `${num(fleet.freeGpus)} free · utilization ${num(fleet.utilizationMean)} % · ${num(fleet.powerW / 1000, 1)} kW`));
    if (!fleet.dataCenters.length) {
      list.replaceChildren(el("p", { class: "muted", text: "No node has reported yet." }));
      return;
    }
    for (const dc of fleet.dataCenters) {
      if (!panels.has(dc.id)) panels.set(dc.id, new DataCenterPanel(dc.id));
      panels.get(dc.id).show(dc);
    }
    list.replaceChildren(...fleet.dataCenters.map((dc) => panels.get(dc.id).section));
  };
  show(await getJson("api/v1/fleet"));
  return {
    crumbs: [],
    onEvent(kind, payload) { if (kind === "summary") show(payload.fleet); },
  };
}
