/**
 * Reviewer auto-assignment as a min-cost flow, solved by successive shortest paths (Dijkstra with
 * Johnson potentials). Pure: the service loads reviewers, applications, loads and conflicts and builds an
 * `AssignmentInstance`; staff see the plan and approve it before anything is written.
 *
 * Network: source → application (capacity = reviewers still needed, cost 0) → reviewer (capacity 1,
 * absent for a conflicted or already-assigned pair) → sink (one unit edge per free slot, the j-th costing
 * the reviewer's load after it, so a plan spreads work when expertise does not decide). The objective,
 * in order: as many assignments as the load limits allow, then the highest total expertise score, then
 * the most even load. Both tie-breaks fit in one integer cost (see `scoreWeight`), so a min-cost
 * max-flow is exactly the lexicographic optimum, which the property test checks against brute force.
 */

export type AssignmentInstance = {
  applications: { id: string; needed: number }[];
  reviewers: { id: string; load: number; capacity: number }[];
  /** score[a][r]: expertise match of reviewer r for application a (≥ 0), or null when r may not review a. */
  score: (number | null)[][];
};

export type ProposedPair = { application: number; reviewer: number; score: number };

export type AssignmentPlan = {
  pairs: ProposedPair[];
  totalScore: number;
  /** Σ over reviewers of Σ_{j=1..added} (load + j): smaller is more even. */
  loadCost: number;
  /** Applications left with fewer reviewers than needed, and how many are missing. */
  shortfall: { application: number; missing: number }[];
};

/** How many expertise areas of a reviewer the application's syllabus touches. */
export function expertiseScore(reviewerAreas: readonly string[], applicationAreas: readonly string[]): number {
  const wanted = new Set(applicationAreas.map((a) => a.toUpperCase()));
  return new Set(reviewerAreas.map((a) => a.toUpperCase()).filter((a) => wanted.has(a))).size;
}

/** The load part of the objective for `added` new assignments of each reviewer. */
function loadCostOf(instance: AssignmentInstance, added: number[]): number {
  let total = 0;
  instance.reviewers.forEach((r, i) => {
    for (let j = 1; j <= added[i]; j++) total += r.load + j;
  });
  return total;
}

/**
 * One unit of expertise score must outweigh any possible difference in load cost: the load cost of a plan is
 * below demand × (max load + max capacity + 1), so that bound plus one is the weight.
 */
function scoreWeight(instance: AssignmentInstance, demand: number): number {
  let top = 0;
  for (const r of instance.reviewers) top = Math.max(top, r.load + Math.min(r.capacity, demand));
  return demand * (top + 1) + 1;
}

/** A growable edge list in typed arrays: forward edge e, its reverse e ^ 1. */
class Network {
  to: Int32Array;
  cap: Int32Array;
  cost: Float64Array;
  next: Int32Array;
  head: Int32Array;
  size = 0;
  constructor(
    readonly nodes: number,
    edges: number,
  ) {
    this.to = new Int32Array(edges * 2);
    this.cap = new Int32Array(edges * 2);
    this.cost = new Float64Array(edges * 2);
    this.next = new Int32Array(edges * 2);
    this.head = new Int32Array(nodes).fill(-1);
  }
  add(from: number, to: number, cap: number, cost: number): number {
    const e = this.size;
    this.push(from, to, cap, cost);
    this.push(to, from, 0, -cost);
    return e;
  }
  private push(from: number, to: number, cap: number, cost: number) {
    const e = this.size++;
    this.to[e] = to;
    this.cap[e] = cap;
    this.cost[e] = cost;
    this.next[e] = this.head[from];
    this.head[from] = e;
  }
}

/** A binary min-heap of (distance, node) pairs; stale entries are skipped by the caller. */
class Heap {
  private keys: number[] = [];
  private nodes: number[] = [];
  get length() {
    return this.keys.length;
  }
  push(key: number, node: number) {
    const { keys, nodes } = this;
    let i = keys.length;
    keys.push(key);
    nodes.push(node);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p] <= key) break;
      keys[i] = keys[p];
      nodes[i] = nodes[p];
      i = p;
    }
    keys[i] = key;
    nodes[i] = node;
  }
  pop(): [number, number] {
    const { keys, nodes } = this;
    const top: [number, number] = [keys[0], nodes[0]];
    const lastKey = keys.pop()!;
    const lastNode = nodes.pop()!;
    const n = keys.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const c = l + 1 < n && keys[l + 1] < keys[l] ? l + 1 : l;
        if (keys[c] >= lastKey) break;
        keys[i] = keys[c];
        nodes[i] = nodes[c];
        i = c;
      }
      keys[i] = lastKey;
      nodes[i] = lastNode;
    }
    return top;
  }
}

export function solveAssignment(instance: AssignmentInstance): AssignmentPlan {
  const A = instance.applications.length;
  const R = instance.reviewers.length;
  const demand = instance.applications.reduce((s, a) => s + Math.max(0, a.needed), 0);
  let maxScore = 0;
  for (const row of instance.score) for (const s of row) if (s !== null && s > maxScore) maxScore = s;
  const weight = scoreWeight(instance, demand);

  const source = 0;
  const sink = 1 + A + R;
  const slots = instance.reviewers.map((r) => Math.max(0, Math.min(r.capacity, demand)));
  const edgeCount = A + A * R + slots.reduce((s, n) => s + n, 0);
  const net = new Network(sink + 1, edgeCount);
  instance.applications.forEach((a, i) => net.add(source, 1 + i, Math.max(0, a.needed), 0));
  const pairEdges: { edge: number; application: number; reviewer: number; score: number }[] = [];
  for (let i = 0; i < A; i++) {
    for (let j = 0; j < R; j++) {
      const s = instance.score[i]?.[j];
      if (s === null || s === undefined || slots[j] === 0) continue;
      // Non-negative costs: (maxScore − score) × weight, so the first Dijkstra needs no potentials.
      pairEdges.push({ edge: net.add(1 + i, 1 + A + j, 1, (maxScore - s) * weight), application: i, reviewer: j, score: s });
    }
  }
  instance.reviewers.forEach((r, j) => {
    for (let k = 1; k <= slots[j]; k++) net.add(1 + A + j, sink, 1, r.load + k);
  });

  const potential = new Float64Array(net.nodes);
  const dist = new Float64Array(net.nodes);
  const via = new Int32Array(net.nodes);
  for (let flow = 0; flow < demand; flow++) {
    dist.fill(Infinity);
    via.fill(-1);
    dist[source] = 0;
    const heap = new Heap();
    heap.push(0, source);
    while (heap.length > 0) {
      const [d, u] = heap.pop();
      if (d > dist[u]) continue;
      // Nodes not yet settled take dist[sink] below, which keeps the potentials valid, so stop here.
      if (u === sink) break;
      for (let e = net.head[u]; e !== -1; e = net.next[e]) {
        if (net.cap[e] <= 0) continue;
        const v = net.to[e];
        const nd = d + net.cost[e] + potential[u] - potential[v];
        if (nd < dist[v]) {
          dist[v] = nd;
          via[v] = e;
          heap.push(nd, v);
        }
      }
    }
    if (dist[sink] === Infinity) break;
    // min(dist, dist[sink]) for every node, reached or not, keeps every residual reduced cost non-negative.
    const reach = dist[sink];
    for (let v = 0; v < net.nodes; v++) potential[v] += Math.min(dist[v], reach);
    // Every path crosses a unit-capacity pair edge, so each augmentation carries exactly one unit.
    for (let v = sink; v !== source; v = net.to[via[v] ^ 1]) {
      net.cap[via[v]] -= 1;
      net.cap[via[v] ^ 1] += 1;
    }
  }

  const pairs = pairEdges.filter((p) => net.cap[p.edge] === 0).map(({ application, reviewer, score }) => ({ application, reviewer, score }));
  return summarise(instance, pairs);
}

/** Totals, load cost and shortfall of a set of pairs (also used by the brute-force test). */
export function summarise(instance: AssignmentInstance, pairs: ProposedPair[]): AssignmentPlan {
  const added = new Array<number>(instance.reviewers.length).fill(0);
  const got = new Array<number>(instance.applications.length).fill(0);
  for (const p of pairs) {
    added[p.reviewer] += 1;
    got[p.application] += 1;
  }
  const shortfall = instance.applications
    .map((a, i) => ({ application: i, missing: Math.max(0, a.needed) - got[i] }))
    .filter((s) => s.missing > 0);
  return { pairs, totalScore: pairs.reduce((s, p) => s + p.score, 0), loadCost: loadCostOf(instance, added), shortfall };
}

/** Does a plan respect the instance: allowed pairs only, once each, within needs and capacities? */
export function violations(instance: AssignmentInstance, pairs: ProposedPair[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const added = new Array<number>(instance.reviewers.length).fill(0);
  const got = new Array<number>(instance.applications.length).fill(0);
  for (const p of pairs) {
    const key = `${p.application}:${p.reviewer}`;
    if (seen.has(key)) out.push(`pair ${key} twice`);
    seen.add(key);
    if (instance.score[p.application]?.[p.reviewer] == null) out.push(`pair ${key} not allowed`);
    added[p.reviewer] += 1;
    got[p.application] += 1;
  }
  instance.reviewers.forEach((r, i) => added[i] > r.capacity && out.push(`reviewer ${i} over capacity`));
  instance.applications.forEach((a, i) => got[i] > a.needed && out.push(`application ${i} over its need`));
  return out;
}
