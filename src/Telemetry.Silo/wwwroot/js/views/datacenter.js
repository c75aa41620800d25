import { getJson, openGpuAt } from "../api.js";
import { getHeatCells } from "../heatanswer.js";
import { el, num, countsList, healthBadge, nodeHref } from "../format.js";
import { HeatMap, rampCss } from "../heatmap.js";

const shownNodes = 100;

// Every GPU of a data center is megabytes at national scale: summaries refresh the heat map at most this often; health changes at once.
const refreshMs = 10000;

function legend() {
  return el("div", { class: "legend" },
    el("span", {}, "utilization 0 % ", el("span", { class: "ramp", style: `background:${rampCss()}` }), " 100 %"),
    el("span", {}, "▲ corner: degraded"), el("span", {}, "✖ cross: unhealthy"), el("span", {}, "╱ grey: offline"), el("span", {}, "▌ yellow bar on the left: straggler of its job"));
}

// The nodes come sorted worst first (health, then id) with their counts from the heat map's reader (heatcells.js).
function nodeTable(cells) {
  const nodes = cells.nodeCount;
  const rows = Array.from(cells.worstFirst.subarray(0, shownNodes), (n) => el("tr", {},
    el("td", {}, el("a", { href: nodeHref(cells.nodeId(n)), text: cells.nodeId(n) })),
    el("td", {}, healthBadge(cells.nodeHealthName(n))),
    el("td", { class: "num", text: num(cells.gpus[n]) }),
    el("td", { class: "num", text: num(cells.notHealthy[n]) }),
    el("td", { class: "num", text: num(cells.utilMean[n]) }),
    el("td", { text: cells.drained[n] ? "drained" : "" })));
  return el("table", {},
    el("caption", { class: "muted", text: `Nodes, worst first (${Math.min(nodes, shownNodes)} of ${nodes})` }),
    el("thead", {}, el("tr", {}, ["node", "health", "GPUs", "not healthy", "util %", ""].map((h) => el("th", { scope: "col", text: h })))),
    el("tbody", {}, rows));
}

export async function dataCenterView(page, { dc }) {
  const counts = el("div", { id: "dc-counts" });
  const facts = el("p");
  const mapBox = el("section", { "aria-label": "Heat map" });
  const table = el("section", { "aria-label": "Nodes" });
  page.replaceChildren(el("h1", { text: `Data center ${dc}` }), counts, facts, el("h2", { text: "GPUs" }), legend(), mapBox, table);
  const heat = new HeatMap(mapBox, {
    label: `Heat map of every GPU in ${dc}: colour is utilization, marks are health`,
    onOpen: (cell) => openGpuAt(cell.node, cell.index).catch(console.error),
  });

  const showSummary = (s) => {
    counts.replaceChildren(countsList(s.gpusByHealth));
    facts.textContent = `${num(s.nodes)} nodes · ${num(s.gpus)} GPUs · ${num(s.freeGpus)} free · utilization ${num(s.utilization.mean)} % · ${num(s.powerW / 1000, 1)} kW`;
  };
  let pending = null;
  let loadedAt = 0;
  const loadGpus = async () => {
    loadedAt = Date.now();
    const cells = await getHeatCells(`api/v1/datacenters/${encodeURIComponent(dc)}/gpus`);
    heat.setCells(cells);
    table.replaceChildren(nodeTable(cells));
  };
  // Health events come in bursts (a node and its GPUs at once): one reload per burst.
  const reloadSoon = () => { pending ??= setTimeout(() => { pending = null; loadGpus().catch(console.error); }, 300); };

  showSummary(await getJson(`api/v1/datacenters/${encodeURIComponent(dc)}?pageSize=1`));
  await loadGpus();
  return {
    crumbs: [{ text: dc }],
    onEvent(kind, payload) {
      if (kind === "summary") {
        const s = payload.fleet.dataCenters.find((d) => d.id === dc);
        if (s) showSummary(s);
        if (s && Date.now() - loadedAt >= refreshMs) reloadSoon();
      } else if (kind === "health" && payload.dataCenter === dc) {
        reloadSoon();
      }
    },
    dispose() { clearTimeout(pending); },
  };
}
