import { el, num } from "./format.js";
import { HeatCells } from "./heatcells.js";
import { healthColour, palette, stateCodes, unmeasured } from "./heatcolours.js";

export { rampCss, utilColour } from "./heatcolours.js";

const stragglerColour = "#f0c000";

// Cells of a few pixels (tens of thousands of GPUs): one pixel per cell in an image of the grid, scaled up to the cells'
// size without smoothing, so the browser fills the screen's pixels and the script writes 52,000, not millions. The
// cells' pixels come coloured from the worker that read the answer (heatcolours.js' cellPixel): here they are one copy.
function drawPixels(g, cells, size, cols, scratch) {
  const rows = Math.ceil(cells.count / cols);
  scratch.width = cols;
  scratch.height = rows;
  const s = scratch.getContext("2d");
  const image = s.createImageData(cols, rows);
  new Uint32Array(image.data.buffer).set(cells.pixels);
  s.putImageData(image, 0, 0);
  g.imageSmoothingEnabled = false;
  g.drawImage(scratch, 0, 0, cols * size, rows * size);
}

// Colour says utilization; a shape says health, so health never rests on colour alone. Cells are drawn
// grouped (one fill per colour, one path per kind of mark): thousands of GPUs take a few hundred canvas state changes.
function drawCells(g, cells, size, cols) {
  const s = size - 1;
  const fills = new Map();
  const marks = [[], [], [], []];
  const stragglers = [];
  const { states, steps } = cells;
  for (let i = 0; i < cells.count; i++) {
    if (states[i]) marks[states[i]].push(i);
    if (cells.stragglers[i]) stragglers.push(i);
    const colour = states[i] === stateCodes.offline ? "#1c2128" : steps[i] === unmeasured ? "#2d333b" : palette[steps[i]];
    if (!fills.has(colour)) fills.set(colour, []);
    fills.get(colour).push(i);
  }
  const x = (i) => (i % cols) * size;
  const y = (i) => Math.floor(i / cols) * size;
  for (const [colour, list] of fills) {
    g.fillStyle = colour;
    for (const i of list) g.fillRect(x(i), y(i), s, s);
  }
  g.lineWidth = 1;
  g.strokeStyle = healthColour.offline;
  g.beginPath();
  for (const i of marks[stateCodes.offline]) { g.moveTo(x(i), y(i) + s); g.lineTo(x(i) + s, y(i)); }
  g.stroke();
  g.fillStyle = healthColour.degraded;
  g.beginPath();
  for (const i of marks[stateCodes.degraded]) { g.moveTo(x(i) + s * 0.35, y(i)); g.lineTo(x(i) + s, y(i)); g.lineTo(x(i) + s, y(i) + s * 0.65); g.closePath(); }
  g.fill();
  // A GPU shared between jobs: a bar along its foot, as long as the share in use.
  g.fillStyle = "#d0d7de";
  for (let i = 0; i < cells.count; i++) {
    if (cells.shared[i] >= 0) g.fillRect(x(i), y(i) + s - 2, Math.max(1, (s * cells.shared[i]) / 1000), 2);
  }
  g.strokeStyle = healthColour.unhealthy;
  g.lineWidth = Math.max(2, s / 5);
  g.beginPath();
  for (const i of marks[stateCodes.unhealthy]) {
    g.moveTo(x(i) + 2, y(i) + 2); g.lineTo(x(i) + s - 2, y(i) + s - 2);
    g.moveTo(x(i) + s - 2, y(i) + 2); g.lineTo(x(i) + 2, y(i) + s - 2);
  }
  g.stroke();
  // A straggler holding its job back: a bar down the cell's left side (its foot shows a shared GPU's share).
  g.fillStyle = stragglerColour;
  for (const i of stragglers) g.fillRect(x(i), y(i), Math.max(2, s / 4), s);
}

// One cell per GPU on a canvas, a node's GPUs side by side, whole nodes per row: thousands of cells in one pass.
export class HeatMap {
  #canvas;
  #tip;
  #cells = new HeatCells();
  #scratch = document.createElement("canvas");
  #layout = { size: 10, cols: 8 };
  #drawnWidth = -1;
  #focus = -1;
  #onOpen;

  constructor(container, { label, onOpen }) {
    this.#onOpen = onOpen;
    this.#canvas = el("canvas", { class: "heatmap", tabindex: "0", role: "img", "aria-label": `${label}. Arrow keys move between GPUs, Enter opens one.` });
    this.#tip = el("div", { class: "tip", hidden: true, role: "tooltip" });
    container.append(el("div", { class: "heatmap-wrap" }, this.#canvas, this.#tip));
    this.#canvas.addEventListener("mousemove", (e) => this.#hover(this.#cellAt(e)));
    this.#canvas.addEventListener("mouseleave", () => { this.#tip.hidden = true; });
    this.#canvas.addEventListener("click", (e) => { const i = this.#cellAt(e); if (i >= 0) this.#onOpen(this.#cells.cell(i)); });
    this.#canvas.addEventListener("keydown", (e) => this.#key(e));
    // Only a new width changes the layout: the height is the heat map's own doing, and redrawing for it drew every map twice.
    new ResizeObserver(() => { if (this.#canvas.clientWidth !== this.#drawnWidth) this.draw(); }).observe(this.#canvas);
  }

  get cellCount() { return this.#cells.count; }

  setCells(cells) {
    this.#cells = cells;
    this.#canvas.dataset.cells = String(this.#cells.count);
    this.#canvas.dataset.stragglers = String(this.#cells.stragglerCount);
    this.draw();
  }

  draw() {
    const width = this.#canvas.clientWidth || 800;
    const n = Math.max(this.#cells.count, 1);
    const size = Math.max(3, Math.min(18, Math.floor(Math.sqrt((width * 420) / n))));
    const cols = Math.max(8, Math.floor(width / size / 8) * 8);
    const rows = Math.ceil(n / cols);
    this.#layout = { size, cols };
    this.#drawnWidth = this.#canvas.clientWidth;
    // The layout, for whoever needs to find a cell on the page (the browser tests point at cells by it).
    this.#canvas.dataset.cellSize = String(size);
    this.#canvas.dataset.columns = String(cols);
    const ratio = window.devicePixelRatio || 1;
    this.#canvas.style.height = `${rows * size}px`;
    this.#canvas.width = Math.round(width * ratio);
    this.#canvas.height = Math.round(rows * size * ratio);
    const g = this.#canvas.getContext("2d");
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, rows * size);
    if (size < 6) {
      drawPixels(g, this.#cells, size, cols, this.#scratch);
    } else {
      drawCells(g, this.#cells, size, cols);
    }
    if (this.#focus >= 0 && this.#focus < this.#cells.count) {
      g.strokeStyle = "#f0c000";
      g.lineWidth = 2;
      g.strokeRect((this.#focus % cols) * size + 1, Math.floor(this.#focus / cols) * size + 1, size - 2, size - 2);
    }
  }

  #cellAt(e) {
    const rect = this.#canvas.getBoundingClientRect();
    const { size, cols } = this.#layout;
    const col = Math.floor((e.clientX - rect.left) / size);
    const row = Math.floor((e.clientY - rect.top) / size);
    const i = row * cols + col;
    return col >= 0 && col < cols && i >= 0 && i < this.#cells.count ? i : -1;
  }

  #hover(i) {
    if (i < 0) { this.#tip.hidden = true; return; }
    const cell = this.#cells.cell(i);
    const { size, cols } = this.#layout;
    this.#tip.replaceChildren(
      el("div", { text: `${cell.node} · GPU ${cell.index}` }),
      el("div", { text: `${cell.state} · ${num(cell.util)} % busy${cell.job ? ` · job ${cell.job}` : ""}${cell.shared !== null && cell.shared !== undefined ? ` · shared, ${cell.shared}/1000 in use` : ""}` }),
      cell.straggler ? el("div", { class: "straggler-badge", text: "straggler: holding its job back" }) : null);
    this.#tip.style.left = `${Math.min((i % cols) * size + size + 8, this.#canvas.clientWidth - 260)}px`;
    this.#tip.style.top = `${Math.floor(i / cols) * size + size + 4}px`;
    this.#tip.hidden = false;
  }

  #key(e) {
    const { cols } = this.#layout;
    const moves = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: cols, ArrowUp: -cols };
    if (e.key === "Enter" && this.#focus >= 0) {
      this.#onOpen(this.#cells.cell(this.#focus));
    } else if (e.key in moves) {
      this.#focus = Math.min(Math.max((this.#focus < 0 ? 0 : this.#focus + moves[e.key]), 0), this.#cells.count - 1);
      this.draw();
      this.#hover(this.#focus);
    } else {
      return;
    }
    e.preventDefault();
  }
}
