import { packageTests } from '../presets/vitest.preset.js';

export default packageTests();
