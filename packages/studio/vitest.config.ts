import { packageTests } from '../../tooling/presets/vitest.preset.js';

// The browser tests wait for the page with expect.poll; its 1 s default is too short on a
// busy 2-core CI machine (the page builds, the API answers, Chromium paints).
export default packageTests({ test: { expect: { poll: { timeout: 10_000 } } } });
