/** Kept equal to package.json's version by the SDK's own test. */
export const SDK_VERSION = '0.1.0';
