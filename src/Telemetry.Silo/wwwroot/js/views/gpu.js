import { getJson } from "../api.js";
import { el, num, value, healthBadge, time, nodeHref } from "../format.js";
import { historyChart } from "../charts.js";
import { reasonsList } from "./node.js";
import { jobHref } from "./job.js";

const charted = [["gpu_util_pct", "%"], ["gpu_temp_c", "°C"], ["power_w", "W"], ["fb_used_mib", "MiB"]];
const windows = ["10s", "1m", "5m"];

function windowCell(stats) {
  if (!stats) return el("td", { class: "num", text: "–" });
  return el("td", { class: "num" }, value(stats.mean),
    el("span", { class: "sub", text: `${value(stats.min)} – ${value(stats.max)}${stats.p95 === null || stats.p95 === undefined ? "" : ` · p95 ${value(stats.p95)}`}` }));
}

// Each window's mean, with its min – max (and p95 where kept) beneath.
function fieldTable(gpu) {
  const names = Object.keys(gpu.last).sort();
  return el("div", { class: "scroll" }, el("table", { id: "fields" },
    el("thead", {}, el("tr", {}, ["field", "last", ...windows.map((w) => `${w} mean (min – max)`)].map((h, i) => el("th", { scope: "col", class: i ? "num" : null, text: h })))),
    el("tbody", {}, names.map((name) => el("tr", { "data-field": name },
      el("th", { scope: "row", text: name }),
      el("td", { class: "num", text: value(gpu.last[name]) }),
      windows.map((w) => windowCell(gpu.windows[w]?.[name])))))));
}

function xidTable(xids) {
  if (!xids.length) return el("p", { class: "muted", text: "No XID errors reported." });
  return el("table", { id: "xids" },
    el("thead", {}, el("tr", {}, el("th", { scope: "col", text: "at" }), el("th", { scope: "col", text: "XID" }))),
    el("tbody", {}, xids.map((x) => el("tr", {}, el("td", { text: `${new Date(x.at).toISOString().slice(0, 10)} ${time(x.at)}` }), el("td", { text: x.code })))));
}

export async function gpuView(page, { uuid }) {
  const summary = el("section", { "aria-label": "GPU" });
  const charts = el("div", { class: "charts", id: "charts" });
  const details = el("section");
  page.replaceChildren(summary, el("h2", { text: "Last hour" }), charts, details);
  let gpu = null;

  const load = async () => {
    gpu = await getJson(`api/v1/gpus/${encodeURIComponent(uuid)}`);
    summary.replaceChildren(
      el("h1", {}, `GPU ${gpu.index} of `, el("a", { href: nodeHref(gpu.node), text: gpu.node }), " ", healthBadge(gpu.health.state)),
      el("p", { class: "muted", text: `${gpu.uuid} · ${gpu.model} · ${num(gpu.samples)} samples · last at ${time(gpu.lastSampleAt)}` }),
      el("p", {}, "Job: ", gpu.jobId ? el("a", { href: jobHref(gpu.jobId), id: "job-link", text: gpu.jobId }) : "none", gpu.reservedUntil ? ` · reserved until ${time(gpu.reservedUntil)}` : ""),
      el("h2", { text: "Health" }), reasonsList(gpu.health));
    details.replaceChildren(el("h2", { text: "XIDs" }), xidTable(gpu.xids), el("h2", { text: "Fields: last value and windows" }), fieldTable(gpu));
  };
  const loadCharts = async () => {
    const series = await Promise.all(charted.map(([field]) => getJson(`api/v1/gpus/${encodeURIComponent(uuid)}/history?field=${field}&minutes=60`)));
    charts.replaceChildren();
    charted.forEach(([field, unit], i) => historyChart(charts, field, unit, series[i]));
  };

  await load();
  await loadCharts();
  const timers = [setInterval(() => load().catch(console.error), 5000), setInterval(() => loadCharts().catch(console.error), 10000)];
  const [dc, host] = gpu.node.split("/");
  return {
    crumbs: [{ text: dc, href: `#/dc/${encodeURIComponent(dc)}` }, { text: host, href: nodeHref(gpu.node) }, { text: `GPU ${gpu.index}` }],
    onEvent(kind, payload) { if (kind === "health" && payload.id === uuid) load().catch(console.error); },
    dispose() { timers.forEach(clearInterval); },
  };
}
