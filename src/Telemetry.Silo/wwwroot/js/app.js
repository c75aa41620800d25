import { el } from "./format.js";
import { openStream } from "./stream.js";
import { LiveFeed } from "./feed.js";
import { AlertBanner } from "./alerts.js";
import { fleetView } from "./views/fleet.js";
import { dataCenterView } from "./views/datacenter.js";
import { nodeView } from "./views/node.js";
import { gpuView } from "./views/gpu.js";
import { jobView } from "./views/job.js";

// Hash routes, so every level has its own URL and the silo serves one page.
// A view is called with the element to draw into (its page, made afresh for each navigation) and its route's parameters.
const routes = [
  [/^#?\/?$/, () => ({}), fleetView],
  [/^#\/dc\/([^/]+)$/, (m) => ({ dc: m[1] }), dataCenterView],
  [/^#\/node\/([^/]+)\/([^/]+)$/, (m) => ({ dc: m[1], host: m[2] }), nodeView],
  [/^#\/gpu\/([^/]+)$/, (m) => ({ uuid: m[1] }), gpuView],
  [/^#\/job\/([^/]+)$/, (m) => ({ jobId: m[1] }), jobView],
];

const main = document.getElementById("view");
const crumbs = document.getElementById("crumbs");
const live = document.getElementById("live");
const feed = new LiveFeed(document.getElementById("feed"));
const alerts = new AlertBanner(document.getElementById("alerts"));
let current = null;
let navigation = 0;

function showCrumbs(items) {
  const parts = [el("a", { href: "#/", text: "fleet" })];
  for (const item of items) parts.push(" / ", item.href ? el("a", { href: item.href, text: item.text }) : el("span", { "aria-current": "page", text: item.text }));
  crumbs.replaceChildren(...parts);
}

async function route() {
  const id = ++navigation;
  current?.dispose?.();
  current = null;
  const hash = location.hash || "#/";
  const match = routes.map(([pattern, params, view]) => [hash.match(pattern), params, view]).find(([m]) => m);
  if (!match) {
    main.replaceChildren(el("h1", { text: "Not found" }), el("p", {}, "No such page. ", el("a", { href: "#/", text: "Back to the fleet" })));
    return;
  }
  const [m, params, view] = match;
  const decoded = Object.fromEntries(Object.entries(params(m)).map(([k, v]) => [k, decodeURIComponent(v)]));
  alerts.focus(decoded.dc);
  // Each navigation draws into an element of its own. A view keeps writing what its answers bring after it is left
  // (its first load, a timer's or a stream event's reload still on the way): those writes must land in its own
  // detached element, never over the view that replaced it.
  const page = el("div", { class: "page" }, el("p", { class: "muted", text: "Loading…" }));
  main.replaceChildren(page);
  try {
    const shown = await view(page, decoded);
    if (id !== navigation) { shown.dispose?.(); return; }
    current = shown;
    showCrumbs(shown.crumbs);
    main.focus({ preventScroll: true });
  } catch (e) {
    if (id === navigation) main.replaceChildren(el("h1", { text: "Could not load this page" }), el("p", { class: "error", text: e.message }));
  }
}

window.addEventListener("hashchange", route);
route();
alerts.load();
openStream({
  onEvent(kind, payload) {
    if (kind === "health" || kind === "decision" || kind === "straggler") feed.add(kind, payload);
    if (kind === "alert") alerts.onAlert(payload);
    current?.onEvent?.(kind, payload);
  },
  onState(state) {
    live.dataset.state = state;
    live.textContent = state === "live" ? "live" : "reconnecting…";
  },
});
