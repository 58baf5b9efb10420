// An esbuild plugin for the browser bundles (the library's dist/scratchnet.browser.js and the
// playground). The one Node-only module the library still reaches is the worker-thread starter:
// accel/threads/kernel-team.ts imports it dynamically, behind a check for Node, and esbuild bundles
// it all the same. In a browser bundle it becomes a starter that starts nothing (a page runs on one
// thread anyway). Any other `node:` import fails the build, since library code has none (saving,
// loading and the image files live in src/io, reached from the Node entry src/node.ts only).
export const nodeThreadStarter = {
  name: 'node-thread-starter',
  setup(build) {
    build.onResolve({ filter: /\/node-kernel-thread\.ts$/ }, (args) => ({
      path: args.path,
      namespace: 'node-thread-starter',
    }));
    build.onLoad({ filter: /.*/, namespace: 'node-thread-starter' }, () => ({
      contents: 'export function startNodeKernelHelper() { return Promise.resolve(false); }',
      loader: 'js',
    }));
  },
};
