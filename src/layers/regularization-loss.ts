import type { Layer } from '../layers/layer.ts';

/** One penalty term: which layer, which parameter, which kind, how much. */
export interface PenaltyTerm {
  layer: string;
  parameter: 'weights' | 'biases' | string;
  kind: 'l1' | 'l2';
  value: number;
}

export interface RegularizationLoss {
  total: number;
  /** Every non-zero term, in layer order, L1 before L2 (the book's order). */
  terms: PenaltyTerm[];
}

/** The regularization loss of these layers with a per-layer, per-parameter, per-kind breakdown. */
export function regularizationLoss(layers: readonly Layer[]): RegularizationLoss {
  const terms: PenaltyTerm[] = [];
  let total = 0;
  for (const layer of layers) {
    for (const parameter of layer.parameters()) {
      const regularizer = parameter.regularizer;
      if (regularizer === null) continue;
      const short = parameter.name.slice(parameter.name.lastIndexOf('.') + 1);
      const values = parameter.value.data;
      if (regularizer.l1 > 0) {
        const value = regularizer.penaltyL1(values);
        terms.push({ layer: layer.name, parameter: short, kind: 'l1', value });
        total += value;
      }
      if (regularizer.l2 > 0) {
        const value = regularizer.penaltyL2(values);
        terms.push({ layer: layer.name, parameter: short, kind: 'l2', value });
        total += value;
      }
    }
  }
  return { total, terms };
}
