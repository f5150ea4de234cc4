import { packageTests } from '../presets/vitest.preset.js';

// s3rver needs OpenSSL's legacy provider for its listing tokens (see plugins/aws-s3).
export default packageTests({ test: { execArgv: ['--openssl-legacy-provider'] } });
