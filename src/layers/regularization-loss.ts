import type { Layer } from '../layers/layer.ts';

/** One penalty term: which layer, which parameter, which kind, how much. */
export interface PenaltyTerm {
  layer: string;
  parameter: 'weights' | 'biases' | string;
  kind: 'l1' | 'l2';
  value: number;
}

export interface RegularizationLoss {
  /**
   * The book's running sum of the terms: `regularization_loss = 0`, then `+=` each term, in float32
   * while every term is a float32 number (numpy adds two float32 numbers in float32), in double once
   * one is not.
   */
  total: number;
  /** Whether numpy would hold `total` as float32 (true for no terms: the int 0 keeps a float32 loss float32). */
  float32: boolean;
  /** Every non-zero term, in layer order, L1 before L2 (the book's order). */
  terms: PenaltyTerm[];
}

/** The regularization loss of these layers with a per-layer, per-parameter, per-kind breakdown. */
export function regularizationLoss(layers: readonly Layer[]): RegularizationLoss {
  const terms: PenaltyTerm[] = [];
  let total = 0;
  let float32 = true;
  const add = (layer: string, parameter: string, kind: 'l1' | 'l2', value: number, isFloat32: boolean) => {
    terms.push({ layer, parameter, kind, value });
    float32 &&= isFloat32;
    total = float32 ? Math.fround(total + value) : total + value;
  };
  for (const layer of layers) {
    for (const parameter of layer.parameters()) {
      const regularizer = parameter.regularizer;
      if (regularizer === null) continue;
      const short = parameter.name.slice(parameter.name.lastIndexOf('.') + 1);
      const values = parameter.value.data;
      const isFloat32 = values instanceof Float32Array;
      if (regularizer.l1 > 0) add(layer.name, short, 'l1', regularizer.penaltyL1(values), isFloat32);
      if (regularizer.l2 > 0) add(layer.name, short, 'l2', regularizer.penaltyL2(values), isFloat32);
    }
  }
  return { total, float32, terms };
}
