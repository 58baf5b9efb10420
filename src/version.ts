/** scratchnet's version, written into saved models; a test keeps it equal to package.json's. */
export const SCRATCHNET_VERSION = '0.1.0';
