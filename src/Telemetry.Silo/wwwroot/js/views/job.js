import { getJson } from "../api.js";
import { el, value, time, nodeHref } from "../format.js";

// The signals a job compares its GPUs on come first; the others help explain a straggler.
const columns = [
  ["sm_active", "SM active"], ["sm_clock_mhz", "SM clock MHz"], ["power_w", "power W"],
  ["nvlink_bytes_s", "NVLink GB/s", 1e9], ["pcie_bytes_s", "PCIe GB/s", 1e9],
  ["gpu_util_pct", "util %"], ["gpu_temp_c", "temp °C"], ["mem_temp_c", "mem °C"],
];

const cell = (signals, [name, , scale]) => {
  const v = signals?.[name];
  return el("td", { class: "num", "data-signal": name, text: v === undefined ? "–" : value(scale ? v / scale : v) });
};

export function jobHref(jobId) {
  return `#/job/${encodeURIComponent(jobId)}`;
}

function gpuRow(gpu) {
  const reasons = gpu.signals?.clock_event_reasons ? `0x${gpu.signals.clock_event_reasons.toString(16)}` : "–";
  return el("tr", { "data-gpu": gpu.uuid, class: gpu.straggler ? "straggler" : null },
    el("th", { scope: "row" }, el("a", { href: `#/gpu/${encodeURIComponent(gpu.uuid)}`, text: gpu.uuid }),
      gpu.straggler ? el("span", { class: "straggler-badge", text: "straggler" }) : null),
    el("td", {}, el("a", { href: nodeHref(gpu.node), text: gpu.node })),
    columns.map((c) => cell(gpu.signals, c)),
    el("td", { class: "num", text: reasons }),
    el("td", {}, gpu.reasons.length ? el("ul", { class: "reasons" }, gpu.reasons.map((r) => el("li", { text: r }))) : "–"));
}

// A job's GPUs side by side, the job's median on top, its stragglers marked.
export async function jobView(page, { jobId }) {
  const show = (job) => page.replaceChildren(
    el("h1", {}, `Job ${job.jobId} `, job.stragglers.length
      ? el("span", { class: "health health-degraded", text: `${job.stragglers.length} straggler${job.stragglers.length > 1 ? "s" : ""}` })
      : el("span", { class: "health health-healthy", text: "no straggler" })),
    el("p", { class: "muted", text: `${job.gpus.length} GPUs in ${job.dataCenters.join(", ")} · tenant ${job.tenant ?? "unknown"} · compared at ${time(job.comparedAt)}` }),
    el("div", { class: "scroll" }, el("table", { id: "job-gpus" },
      el("thead", {}, el("tr", {}, ["GPU", "node", ...columns.map(([, label]) => label), "clock events", "why"]
        .map((h, i) => el("th", { scope: "col", class: i > 1 && i < columns.length + 3 ? "num" : null, text: h })))),
      el("tbody", {},
        el("tr", { class: "median", "data-gpu": "median" }, el("th", { scope: "row", text: "job median" }), el("td", { text: "" }),
          columns.map((c) => cell(job.jobMedian, c)), el("td", { text: "" }), el("td", { text: "" })),
        job.gpus.map(gpuRow)))));
  const load = async () => show(await getJson(`api/v1/jobs/${encodeURIComponent(jobId)}`));
  await load();
  const timer = setInterval(() => load().catch(console.error), 5000);
  return {
    crumbs: [{ text: `job ${jobId}` }],
    onEvent(kind, payload) { if (kind === "straggler" && payload.jobId === jobId) load().catch(console.error); },
    dispose() { clearInterval(timer); },
  };
}
