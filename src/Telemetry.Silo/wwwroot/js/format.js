// Shared wording and numbers for every view.
export const healthStates = ["healthy", "degraded", "unhealthy", "offline"];

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function healthBadge(state) {
  return el("span", { class: `health health-${state}`, text: state });
}

export function num(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return Number(value).toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function time(iso) {
  if (!iso) return "–";
  return new Date(iso).toLocaleTimeString("en-GB", { hour12: false });
}

// Digits where they matter: 0.79 and 71.3, but 2,765,659,904 rather than 2,765,659,904.00.
export function value(v) {
  if (v === null || v === undefined || Number.isNaN(v)) return "–";
  const size = Math.abs(v);
  return num(v, size >= 1000 ? 0 : size >= 10 ? 1 : 2);
}

export function countsList(counts, compact = false) {
  return el("ul", { class: compact ? "counts compact" : "counts", "aria-label": "GPUs by health" },
    healthStates.map((state) => el("li", { class: "count", "data-health": state },
      el("b", { "data-count": state, text: num(counts[state]) }), healthBadge(state))));
}

export function nodeHref(nodeId) {
  const [dc, host] = nodeId.split("/");
  return `#/node/${encodeURIComponent(dc)}/${encodeURIComponent(host)}`;
}
