import { getJson } from "../api.js";
import { el, num, healthBadge, time } from "../format.js";

export function reasonsList(verdict) {
  if (!verdict.reasons.length) return el("p", { class: "muted", text: `${verdict.state} since ${time(verdict.since)}` });
  return el("ul", { class: "reasons" }, verdict.reasons.map((reason, i) => el("li", {}, reason,
    verdict.recommendedActions[i] ? el("div", { class: "muted", text: `Recommended: ${verdict.recommendedActions[i]}` }) : null)));
}

export async function nodeView(page, { dc, host }) {
  const id = `${dc}/${host}`;
  const show = (node) => page.replaceChildren(
    el("h1", {}, `Node ${id} `, healthBadge(node.health.state)),
    reasonsList(node.health),
    el("p", {}, `${num(node.freeGpus)} free GPUs · last report ${time(node.lastReportAt)} · every ${num(node.reportIntervalSeconds, 1)} s`
      + (node.drained ? ` · drained: ${node.drainReason ?? "no reason given"}` : "")),
    el("h2", { text: "GPUs" }),
    el("table", {},
      el("thead", {}, el("tr", {}, ["GPU", "UUID", "model", "health", "util %", "power W", "temp °C", "job"].map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, node.gpus.map((g) => el("tr", {},
        el("td", { text: g.index }),
        el("td", {}, el("a", { href: `#/gpu/${encodeURIComponent(g.uuid)}`, text: g.uuid })),
        el("td", { text: g.model }), el("td", {}, healthBadge(g.health)),
        el("td", { class: "num", text: num(g.utilPct) }), el("td", { class: "num", text: num(g.powerW) }),
        el("td", { class: "num", text: num(g.tempC) }), el("td", { text: g.jobId ?? "–" }))))),
    el("h2", { text: "Node gauges" }),
    el("table", {}, el("tbody", {}, Object.entries(node.gauges).map(([k, v]) => el("tr", {}, el("th", { scope: "row", text: k }), el("td", { class: "num", text: num(v, 2) }))))));
  const load = async () => show(await getJson(`api/v1/nodes/${encodeURIComponent(dc)}/${encodeURIComponent(host)}`));
  await load();
  const timer = setInterval(() => load().catch(console.error), 5000);
  return {
    crumbs: [{ text: dc, href: `#/dc/${encodeURIComponent(dc)}` }, { text: host }],
    onEvent(kind, payload) { if (kind === "health" && payload.node === id) load().catch(console.error); },
    dispose() { clearInterval(timer); },
  };
}
