import { el, time } from "./format.js";
import { getJson } from "./api.js";

// Rebalancer alerts (a tripped breaker, a dark data center) stay on the page until the stream says they are resolved.
export class AlertBanner {
  #box;
  #active = new Map();
  #dataCenter = null;

  constructor(box) { this.#box = box; }

  async load() {
    try {
      for (const alert of await getJson("api/v1/rebalance/alerts?active=true")) this.#active.set(key(alert), alert);
    } catch (e) {
      console.warn("alerts:", e.message);
    }
    this.#render();
  }

  // The fleet page shows every alert; a data center's pages show that data center's only.
  focus(dataCenter) {
    this.#dataCenter = dataCenter ?? null;
    this.#render();
  }

  onAlert(alert) {
    if (alert.active) this.#active.set(key(alert), alert);
    else this.#active.delete(key(alert));
    this.#render();
  }

  #render() {
    const shown = [...this.#active.values()].filter((a) => !this.#dataCenter || a.dataCenter === this.#dataCenter);
    this.#box.hidden = shown.length === 0;
    this.#box.replaceChildren(...shown.map((a) =>
      el("div", { class: "alert", role: "alert", "data-alert": key(a) },
        el("strong", { text: `${a.kind} · ${a.dataCenter}` }), " ",
        el("time", { datetime: a.at, text: time(a.at) }),
        el("div", { text: a.detail }))));
  }
}

function key(alert) { return `${alert.dataCenter}/${alert.kind}`; }
