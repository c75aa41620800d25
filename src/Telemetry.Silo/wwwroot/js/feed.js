import { el, healthBadge, time, nodeHref } from "./format.js";
import { jobHref } from "./views/job.js";

const maxItems = 200;

function subjectLink(change) {
  if (change.subject === "node") return el("a", { href: nodeHref(change.id), text: `node ${change.id}` });
  return el("a", { href: `#/gpu/${encodeURIComponent(change.id)}`, text: `GPU ${change.id}` });
}

function healthItem(change) {
  const lines = change.reasons.map((reason, i) =>
    el("li", {}, reason, change.recommendedActions[i] ? el("div", { class: "muted", text: `→ ${change.recommendedActions[i]}` }) : null));
  return el("li", { class: "kind-health", "data-subject": change.id },
    el("time", { datetime: change.at, text: time(change.at) }), " ",
    subjectLink(change), el("span", { class: "muted", text: ` in ${change.node}` }), el("br"),
    healthBadge(change.from), " → ", healthBadge(change.to),
    lines.length ? el("ul", { class: "reasons" }, lines) : null);
}

function decisionItem(d) {
  const where = [d.from && `from ${d.from}`, d.to && `to ${d.to}`, d.node && `node ${d.node}`, d.jobId && `job ${d.jobId}`].filter(Boolean).join(", ");
  return el("li", { class: "kind-decision", "data-decision": d.id ?? "" },
    el("time", { datetime: d.at, text: time(d.at) }), " ",
    el("strong", { text: `decision: ${d.kind ?? "?"}` }), where ? ` ${where}` : "",
    d.reason ? el("div", { class: "muted", text: d.reason }) : null,
    d.status ? el("div", { class: "muted", text: `status: ${d.status}` }) : null);
}

function stragglerItem(s) {
  return el("li", { class: "kind-straggler", "data-subject": s.uuid, "data-job": s.jobId },
    el("time", { datetime: s.at, text: time(s.at) }), " ",
    el("a", { href: `#/gpu/${encodeURIComponent(s.uuid)}`, text: `GPU ${s.uuid}` }), " of ",
    el("a", { href: jobHref(s.jobId), text: `job ${s.jobId}` }), el("br"),
    el("strong", { text: s.straggler ? "straggler" : "keeps up again" }),
    el("div", { class: "muted", text: s.reason }),
    s.action ? el("div", { class: "muted", text: `→ ${s.action}` }) : null);
}

const items = { health: healthItem, decision: decisionItem, straggler: stragglerItem };

// Newest first, bounded, so a browser left open for days keeps a small page.
export class LiveFeed {
  #list;

  constructor(list) { this.#list = list; }

  add(kind, payload) {
    const item = items[kind](payload);
    this.#list.prepend(item);
    while (this.#list.children.length > maxItems) this.#list.lastElementChild.remove();
  }
}
