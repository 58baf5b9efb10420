/** Grid points per side of a neuron's picture (shared by the worker that computes it and the page that draws it). */
export const PICTURE_GRID = 20;
