// What `scratchnet --help` lists for each command: its term (name, options, arguments) and one
// description. Kept apart from the commands' modules so the root help, --version and the choice of
// which module to load need none of them (src/cli/program.ts); each module takes its description
// from here, so the two never disagree.

export const COMMAND_SUMMARIES = {
  train: {
    term: 'train [options]',
    description:
      "train a network (by default the book's chapter-15 network on the spiral data) and save the run",
  },
  plot: {
    term: 'plot [options]',
    description:
      'draw the decision boundary (2-D classification), the training curves and, for a regression, the model curve (1 input) or surface (2 inputs) of a saved model',
  },
  evaluate: {
    term: 'evaluate [options]',
    description: 'loss and accuracy of a saved model on labelled CSV data',
  },
  predict: {
    term: 'predict [options]',
    description:
      'predictions of a saved model for CSV rows (class probabilities and the predicted label), or the top-3 classes of a PNG image',
  },
  summary: {
    term: 'summary [options]',
    description: 'the layers, shapes, parameter counts and regularizers of a saved model',
  },
  data: {
    term: 'data [options] <kind>',
    description: 'write a data set of the book as CSV (every value round-trips exactly as float32)',
  },
  gradcheck: {
    term: 'gradcheck [options]',
    description:
      "check every gradient of a network (configured with train's data and network flags) against central differences, in float64",
  },
  sweep: {
    term: 'sweep [options]',
    description:
      'train a grid of regularization settings (L2, L1, dropout) over several seeds in parallel, and compare ' +
      'them on validation data; by default no regularization vs L2 5e-4 vs dropout 0.1 vs both, on the ' +
      "book's chapter-14 network and its 100-samples-per-class spiral",
  },
  playground: {
    term: 'playground [options]',
    description: 'serve the training playground on http://127.0.0.1 (build it first: npm run build)',
  },
} as const;

export type CommandName = keyof typeof COMMAND_SUMMARIES;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMAND_SUMMARIES, name);
}
