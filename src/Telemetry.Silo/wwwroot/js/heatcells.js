import { healthStates } from "./format.js";
import { cellPixel, stateCodes, step, unmeasured } from "./heatcolours.js";

// A heat map's GPUs as columns of typed arrays, one entry per cell: a 52,000-GPU data center is a few hundred kilobytes
// read straight by the drawing loops, not 52,000 objects to allocate, walk and collect. The columns are built where the
// answer is read (js/heatreader.js, a worker) and their buffers handed to the page without a copy. Strings (node ids,
// job ids) travel packed, one string and its ends each: tens of thousands of small strings cost the page more to
// receive (and to collect) than the drawing does.
function pack(strings) {
  const ends = new Uint32Array(strings.length);
  let end = 0;
  strings.forEach((s, k) => { ends[k] = end += s.length; });
  return { text: strings.join(""), ends };
}

const unpack = ({ text, ends }, k) => text.slice(k ? ends[k - 1] : 0, ends[k]);

const mean = (values) => {
  const measured = values.filter((v) => v !== null && v !== undefined);
  return measured.length ? measured.reduce((a, b) => a + b, 0) / measured.length : NaN;
};

// The data-center page lists nodes worst first; sorting 6,500 of them by id is tens of milliseconds, done here too.
const worstFirst = (nodes) => (a, b) => healthStates.indexOf(nodes[b].health) - healthStates.indexOf(nodes[a].health) || nodes[a].id.localeCompare(nodes[b].id);

// The `GET /api/v1/datacenters/{dc}/gpus` answer's nodes as columns.
export function heatColumns(nodes) {
  const count = nodes.reduce((sum, node) => sum + node.states.length, 0);
  const jobs = new Map();
  const models = new Map();
  const modelIndex = (model) => (models.has(model) ? models : models.set(model, models.size)).get(model);
  const c = {
    count,
    nodeIds: pack(nodes.map((n) => n.id)),
    nodeHealth: Uint8Array.from(nodes, (n) => stateCodes[n.health] ?? 0),
    drained: Uint8Array.from(nodes, (n) => (n.drained ? 1 : 0)),
    gpus: Uint16Array.from(nodes, (n) => n.states.length),
    // Each node's mean utilization (NaN where none is measured) and its GPUs that are not healthy.
    utilMean: Float64Array.from(nodes, (n) => mean(n.utilPct)),
    notHealthy: Uint16Array.from(nodes, (n) => n.states.filter((s) => s !== "healthy").length),
    // A handful of models, by index.
    modelOf: Uint16Array.from(nodes, (n) => modelIndex(n.model)),
    models: [],
    worstFirst: Uint32Array.from(nodes.keys()).sort(worstFirst(nodes)),
    nodeOf: new Uint32Array(count),
    gpuOf: new Uint16Array(count),
    states: new Uint8Array(count),
    // Utilization as its colour step, or `unmeasured`; and as reported (NaN where not measured), for hovering.
    steps: new Uint8Array(count),
    util: new Float64Array(count),
    // Each cell's colour when too small for a mark (RGBA, little-endian), so the page draws the map with one copy.
    pixels: new Uint32Array(count),
    // Thousandths in use on a shared GPU, -1 where it is not shared.
    shared: new Int16Array(count),
    stragglers: new Uint8Array(count),
    stragglerCount: 0,
    // A cell's jobs as an index into the distinct ones (-1: none): a few thousand strings rather than 52,000.
    jobOf: new Int32Array(count),
    jobs: null,
  };
  c.models = [...models.keys()];
  let i = 0;
  nodes.forEach((node, n) => {
    const { states, utilPct, shared, stragglers } = node;
    for (let k = 0; k < states.length; k++, i++) {
      c.nodeOf[i] = n;
      c.gpuOf[i] = k;
      c.states[i] = stateCodes[states[k]] ?? 0;
      const util = utilPct[k];
      const measured = util !== null && util !== undefined;
      c.steps[i] = measured ? step(util) : unmeasured;
      c.util[i] = measured ? util : NaN;
      c.pixels[i] = cellPixel(c.states[i], c.steps[i]);
      const used = shared?.[k];
      c.shared[i] = used === null || used === undefined ? -1 : used;
      if (stragglers?.[k]) { c.stragglers[i] = 1; c.stragglerCount++; }
      const job = node.jobs?.[k];
      c.jobOf[i] = job === null || job === undefined ? -1 : (jobs.has(job) ? jobs : jobs.set(job, jobs.size)).get(job);
    }
  });
  c.jobs = pack([...jobs.keys()]);
  return c;
}

// The buffers posted without a copy (they are the sender's no more).
export const transferList = (c) => [c, c.nodeIds, c.jobs].flatMap((o) => Object.values(o)).filter(ArrayBuffer.isView).map((a) => a.buffer);

export class HeatCells {
  constructor(columns = heatColumns([])) {
    Object.assign(this, columns);
  }

  get nodeCount() { return this.gpus.length; }

  nodeId(n) { return unpack(this.nodeIds, n); }

  nodeHealthName(n) { return healthStates[this.nodeHealth[n]]; }

  // The cell as hovering and opening describe it.
  cell(i) {
    const n = this.nodeOf[i];
    const util = this.util[i];
    return {
      node: this.nodeId(n), index: this.gpuOf[i], model: this.models[this.modelOf[n]], state: healthStates[this.states[i]],
      util: Number.isNaN(util) ? null : util, job: this.jobOf[i] < 0 ? null : unpack(this.jobs, this.jobOf[i]),
      shared: this.shared[i] < 0 ? null : this.shared[i], straggler: this.stragglers[i] === 1,
    };
  }
}
