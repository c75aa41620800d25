// A heat map's GPUs as columns of typed arrays, one entry per cell: a 52,000-GPU data center is a few hundred kilobytes
// read straight by the drawing loops, not 52,000 objects to allocate, walk and collect. The columns are built where the
// answer is read (js/heatreader.js, a worker) and their buffers handed to the page without a copy, so the page never
// parses megabytes of JSON; strings (node ids, models, job ids) stay as one entry per node or per distinct value.
export const stateNames = ["healthy", "degraded", "unhealthy", "offline"];
export const stateCodes = Object.fromEntries(stateNames.map((name, code) => [name, code]));
export const unmeasured = 255;

// Utilization in 2-point steps: the heat map sets a fill colour once per step, not once per cell.
export const colourSteps = 50;
export const step = (util) => Math.round(Math.min(Math.max(util, 0), 100) / (100 / colourSteps));

const mean = (values) => {
  const measured = values.filter((v) => v !== null && v !== undefined);
  return measured.length ? measured.reduce((a, b) => a + b, 0) / measured.length : NaN;
};

// The data-center page lists nodes worst first; sorting 6,500 of them by id is tens of milliseconds, done here too.
const worstFirst = (health, ids) => (a, b) => stateNames.indexOf(health[b]) - stateNames.indexOf(health[a]) || ids[a].localeCompare(ids[b]);

// The `GET /api/v1/datacenters/{dc}/gpus` answer's nodes as columns.
export function heatColumns(nodes) {
  const count = nodes.reduce((sum, node) => sum + node.states.length, 0);
  const jobIndex = new Map();
  const c = {
    count,
    nodeIds: nodes.map((n) => n.id),
    models: nodes.map((n) => n.model),
    health: nodes.map((n) => n.health),
    drained: Uint8Array.from(nodes, (n) => (n.drained ? 1 : 0)),
    gpus: Uint16Array.from(nodes, (n) => n.states.length),
    // Each node's mean utilization (NaN where none is measured) and its GPUs that are not healthy.
    utilMean: Float64Array.from(nodes, (n) => mean(n.utilPct)),
    notHealthy: Uint16Array.from(nodes, (n) => n.states.filter((s) => s !== "healthy").length),
    nodeOf: new Uint32Array(count),
    gpuOf: new Uint16Array(count),
    states: new Uint8Array(count),
    // Utilization as its colour step, or `unmeasured`; and as reported (NaN where not measured), for hovering.
    steps: new Uint8Array(count),
    util: new Float64Array(count),
    // Thousandths in use on a shared GPU, -1 where it is not shared.
    shared: new Int16Array(count),
    stragglers: new Uint8Array(count),
    stragglerCount: 0,
    // A cell's jobs as an index into `jobs` (-1: none): a few thousand distinct strings rather than 52,000.
    jobs: [],
    jobOf: new Int32Array(count),
  };
  let i = 0;
  nodes.forEach((node, n) => {
    const { states, utilPct, shared, stragglers, jobs } = node;
    for (let k = 0; k < states.length; k++, i++) {
      c.nodeOf[i] = n;
      c.gpuOf[i] = k;
      c.states[i] = stateCodes[states[k]] ?? 0;
      const util = utilPct[k];
      const measured = util !== null && util !== undefined;
      c.steps[i] = measured ? step(util) : unmeasured;
      c.util[i] = measured ? util : NaN;
      const used = shared?.[k];
      c.shared[i] = used === null || used === undefined ? -1 : used;
      if (stragglers?.[k]) { c.stragglers[i] = 1; c.stragglerCount++; }
      const job = jobs?.[k];
      if (job === null || job === undefined) {
        c.jobOf[i] = -1;
      } else {
        if (!jobIndex.has(job)) jobIndex.set(job, c.jobs.push(job) - 1);
        c.jobOf[i] = jobIndex.get(job);
      }
    }
  });
  c.worstFirst = Uint32Array.from(nodes.keys()).sort(worstFirst(c.health, c.nodeIds));
  return c;
}

// The buffers posted without a copy (they are the sender's no more).
export const transferList = (c) => Object.values(c).filter(ArrayBuffer.isView).map((a) => a.buffer);

export class HeatCells {
  constructor(columns = heatColumns([])) {
    Object.assign(this, columns);
  }

  // The cell as hovering and opening describe it.
  cell(i) {
    const n = this.nodeOf[i];
    const util = this.util[i];
    return {
      node: this.nodeIds[n], index: this.gpuOf[i], model: this.models[n], state: stateNames[this.states[i]],
      util: Number.isNaN(util) ? null : util, job: this.jobOf[i] < 0 ? null : this.jobs[this.jobOf[i]],
      shared: this.shared[i] < 0 ? null : this.shared[i], straggler: this.stragglers[i] === 1,
    };
  }
}
