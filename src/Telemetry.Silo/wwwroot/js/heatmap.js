import { el, num } from "./format.js";

// Utilization 0–100 % → a perceptually even ramp (viridis stops): dark is idle, bright is busy.
const ramp = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
const healthColour = { degraded: "#e69f00", unhealthy: "#ff6b5b", offline: "#8b949e" };

export function utilColour(util) {
  if (util === null || util === undefined) return "#2d333b";
  const x = Math.min(Math.max(util, 0), 100) / 100 * (ramp.length - 1);
  const i = Math.min(Math.floor(x), ramp.length - 2);
  const f = x - i;
  const c = ramp[i].map((v, k) => Math.round(v + (ramp[i + 1][k] - v) * f));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

export function rampCss() {
  return `linear-gradient(to right, ${ramp.map((c) => `rgb(${c.join(",")})`).join(", ")})`;
}

// One cell per GPU on a canvas, a node's GPUs side by side, whole nodes per row: thousands of cells in one pass.
export class HeatMap {
  #canvas;
  #tip;
  #cells = [];
  #layout = { size: 10, cols: 8 };
  #focus = -1;
  #onOpen;

  constructor(container, { label, onOpen }) {
    this.#onOpen = onOpen;
    this.#canvas = el("canvas", { class: "heatmap", tabindex: "0", role: "img", "aria-label": `${label}. Arrow keys move between GPUs, Enter opens one.` });
    this.#tip = el("div", { class: "tip", hidden: true, role: "tooltip" });
    container.append(el("div", { class: "heatmap-wrap" }, this.#canvas, this.#tip));
    this.#canvas.addEventListener("mousemove", (e) => this.#hover(this.#cellAt(e)));
    this.#canvas.addEventListener("mouseleave", () => { this.#tip.hidden = true; });
    this.#canvas.addEventListener("click", (e) => { const i = this.#cellAt(e); if (i >= 0) this.#onOpen(this.#cells[i]); });
    this.#canvas.addEventListener("keydown", (e) => this.#key(e));
    new ResizeObserver(() => this.draw()).observe(this.#canvas);
  }

  get cellCount() { return this.#cells.length; }

  setNodes(nodes) {
    this.#cells = nodes.flatMap((node) => node.gpus.map((uuid, i) => ({
      uuid, node: node.id, index: i, model: node.model, state: node.states[i], util: node.utilPct[i], job: node.jobs[i],
    })));
    this.#canvas.dataset.cells = String(this.#cells.length);
    this.draw();
  }

  draw() {
    const width = this.#canvas.clientWidth || 800;
    const n = Math.max(this.#cells.length, 1);
    const size = Math.max(3, Math.min(18, Math.floor(Math.sqrt((width * 420) / n))));
    const cols = Math.max(8, Math.floor(width / size / 8) * 8);
    const rows = Math.ceil(n / cols);
    this.#layout = { size, cols };
    const ratio = window.devicePixelRatio || 1;
    this.#canvas.style.height = `${rows * size}px`;
    this.#canvas.width = Math.round(width * ratio);
    this.#canvas.height = Math.round(rows * size * ratio);
    const g = this.#canvas.getContext("2d");
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, rows * size);
    const gap = size >= 6 ? 1 : 0;
    this.#cells.forEach((cell, i) => {
      const x = (i % cols) * size;
      const y = Math.floor(i / cols) * size;
      this.#drawCell(g, cell, x, y, size - gap);
    });
    if (this.#focus >= 0 && this.#focus < this.#cells.length) {
      g.strokeStyle = "#f0c000";
      g.lineWidth = 2;
      g.strokeRect((this.#focus % cols) * size + 1, Math.floor(this.#focus / cols) * size + 1, size - 2, size - 2);
    }
  }

  // Colour says utilization; a shape says health, so health never rests on colour alone.
  #drawCell(g, cell, x, y, s) {
    if (cell.state === "offline") {
      g.fillStyle = "#1c2128";
      g.fillRect(x, y, s, s);
      g.strokeStyle = healthColour.offline;
      g.lineWidth = 1;
      g.beginPath(); g.moveTo(x, y + s); g.lineTo(x + s, y); g.stroke();
      return;
    }
    const mark = healthColour[cell.state];
    if (mark && s < 6) {
      g.fillStyle = mark;
      g.fillRect(x, y, s, s);
      return;
    }
    g.fillStyle = utilColour(cell.util);
    g.fillRect(x, y, s, s);
    if (cell.state === "degraded") {
      g.fillStyle = mark;
      g.beginPath(); g.moveTo(x + s * 0.35, y); g.lineTo(x + s, y); g.lineTo(x + s, y + s * 0.65); g.closePath(); g.fill();
    } else if (cell.state === "unhealthy") {
      g.strokeStyle = mark;
      g.lineWidth = Math.max(2, s / 5);
      g.beginPath(); g.moveTo(x + 2, y + 2); g.lineTo(x + s - 2, y + s - 2); g.moveTo(x + s - 2, y + 2); g.lineTo(x + 2, y + s - 2); g.stroke();
    }
  }

  #cellAt(e) {
    const rect = this.#canvas.getBoundingClientRect();
    const { size, cols } = this.#layout;
    const col = Math.floor((e.clientX - rect.left) / size);
    const row = Math.floor((e.clientY - rect.top) / size);
    const i = row * cols + col;
    return col >= 0 && col < cols && i >= 0 && i < this.#cells.length ? i : -1;
  }

  #hover(i) {
    if (i < 0) { this.#tip.hidden = true; return; }
    const cell = this.#cells[i];
    const { size, cols } = this.#layout;
    this.#tip.replaceChildren(
      el("div", { text: `${cell.node} · GPU ${cell.index}` }),
      el("div", { text: cell.uuid }),
      el("div", { text: `${cell.state} · ${num(cell.util)} % busy${cell.job ? ` · job ${cell.job}` : ""}` }));
    this.#tip.style.left = `${Math.min((i % cols) * size + size + 8, this.#canvas.clientWidth - 260)}px`;
    this.#tip.style.top = `${Math.floor(i / cols) * size + size + 4}px`;
    this.#tip.hidden = false;
  }

  #key(e) {
    const { cols } = this.#layout;
    const moves = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: cols, ArrowUp: -cols };
    if (e.key === "Enter" && this.#focus >= 0) {
      this.#onOpen(this.#cells[this.#focus]);
    } else if (e.key in moves) {
      this.#focus = Math.min(Math.max((this.#focus < 0 ? 0 : this.#focus + moves[e.key]), 0), this.#cells.length - 1);
      this.draw();
      this.#hover(this.#focus);
    } else {
      return;
    }
    e.preventDefault();
  }
}
