/**
 * The cost/quality Pareto frontier: the configurations no other beats on both cost and quality.
 */

export interface FrontierPoint {
  name: string;
  /** Lower is better (e.g. USD per question). */
  cost: number;
  /** Higher is better (e.g. evidence-token recall). */
  quality: number;
}

/**
 * Names of the points on the frontier, cheapest first: a point is on it when no other point costs no
 * more and scores no less while being strictly better on one of the two. Pure; duplicates both stay.
 */
export function paretoFrontier(points: FrontierPoint[]): string[] {
  const valid = points.filter((p) => Number.isFinite(p.cost) && Number.isFinite(p.quality));
  const onFrontier = valid.filter(
    (p) => !valid.some((q) => q !== p && q.cost <= p.cost && q.quality >= p.quality && (q.cost < p.cost || q.quality > p.quality)),
  );
  return onFrontier.sort((a, b) => a.cost - b.cost || b.quality - a.quality).map((p) => p.name);
}
