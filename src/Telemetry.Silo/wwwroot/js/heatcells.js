// A heat map's GPUs as columns of typed arrays, one entry per cell: a 52,000-GPU data center is a few hundred kilobytes
// read straight by the drawing loops, not 52,000 objects to allocate, walk and collect. The cell an operator points at
// is built on demand from its node's answer.
export const stateCodes = { healthy: 0, degraded: 1, unhealthy: 2, offline: 3 };
export const unmeasured = 255;

export class HeatCells {
  constructor(nodes, step) {
    const count = nodes.reduce((sum, node) => sum + node.states.length, 0);
    this.count = count;
    this.nodes = nodes;
    this.nodeOf = new Uint32Array(count);
    this.gpuOf = new Uint16Array(count);
    this.states = new Uint8Array(count);
    // Utilization as its colour step, or `unmeasured`.
    this.steps = new Uint8Array(count);
    // Thousandths in use on a shared GPU, -1 where it is not shared.
    this.shared = new Int16Array(count);
    this.stragglers = new Uint8Array(count);
    this.stragglerCount = 0;
    let i = 0;
    nodes.forEach((node, n) => {
      const { states, utilPct, shared, stragglers } = node;
      for (let k = 0; k < states.length; k++, i++) {
        this.nodeOf[i] = n;
        this.gpuOf[i] = k;
        this.states[i] = stateCodes[states[k]] ?? 0;
        const util = utilPct[k];
        this.steps[i] = util === null || util === undefined ? unmeasured : step(util);
        const used = shared?.[k];
        this.shared[i] = used === null || used === undefined ? -1 : used;
        if (stragglers?.[k]) { this.stragglers[i] = 1; this.stragglerCount++; }
      }
    });
  }

  // The cell as hovering and opening describe it.
  cell(i) {
    const node = this.nodes[this.nodeOf[i]];
    const k = this.gpuOf[i];
    return {
      node: node.id, index: k, model: node.model, state: node.states[k], util: node.utilPct[k], job: node.jobs[k],
      shared: node.shared?.[k] ?? null, straggler: node.stragglers?.[k] ?? false,
    };
  }
}
