import { getJson } from "../api.js";
import { el, num, countsList } from "../format.js";

function dataCenterCard(dc) {
  const util = dc.utilization?.mean ?? 0;
  return el("article", { class: "card", "data-dc": dc.id },
    el("h2", {}, el("a", { href: `#/dc/${encodeURIComponent(dc.id)}`, text: `Data center ${dc.id}` })),
    countsList(dc.gpusByHealth),
    el("p", {}, `${num(dc.nodes)} nodes · ${num(dc.gpus)} GPUs · ${num(dc.freeGpus)} free`),
    el("p", {}, `Utilization ${num(util)} % (p95 ${num(dc.utilization?.p95)} %) · ${num(dc.powerW / 1000, 1)} kW`),
    el("div", { class: "bar", role: "img", "aria-label": `utilization ${num(util)} percent` }, el("span", { style: `width:${Math.min(util, 100)}%` })));
}

export async function fleetView(main) {
  const show = (fleet) => main.replaceChildren(
    el("h1", { text: "Fleet" }),
    el("section", { "aria-label": "Fleet totals", id: "fleet-totals" },
      countsList(fleet.gpusByHealth),
      el("p", {}, `${num(fleet.dataCenterCount)} data centers · ${num(fleet.nodes)} nodes · ${num(fleet.gpus)} GPUs · `
        + `${num(fleet.freeGpus)} free · utilization ${num(fleet.utilizationMean)} % · ${num(fleet.powerW / 1000, 1)} kW`)),
    el("h2", { text: "Data centers" }),
    fleet.dataCenters.length
      ? el("div", { class: "cards" }, fleet.dataCenters.map(dataCenterCard))
      : el("p", { class: "muted", text: "No node has reported yet." }));
  show(await getJson("api/v1/fleet"));
  return {
    crumbs: [],
    onEvent(kind, payload) { if (kind === "summary") show(payload.fleet); },
  };
}
