// scratchnet in Node: everything of index.ts (which runs anywhere), plus what reads and writes files.
// The package's "node" export condition points here; browsers and their bundlers get index.ts alone.

import { installNodeThreads } from './accel/install-node.ts';

installNodeThreads();

export * from './index.ts';
export { fashionMnistData, type ImageData, idxData } from './io/image-datasets.ts';
export { loadModel, loadModelFeatures, saveModel } from './io/model-folder.ts';
