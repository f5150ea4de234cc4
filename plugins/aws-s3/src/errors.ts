import type { ServicePolicy } from '@knotwork/sdk';

type ErrorHints = NonNullable<NonNullable<ServicePolicy['errors']>['hints']>;

const IAM_POLICY_HINT =
  'Check the IAM policy of the access key (see the IAM policy example in docs/integrations/aws-s3.md), the bucket policy, and any SCP or KMS key policy that applies.';

const wrongRegion = {
  hint: "The bucket lives in another region: set the credential's region to the bucket's region (shown in the S3 console, or in the message), then run again.",
};
const forbidden = {
  hint: `S3 answered 403 Forbidden: the key may not read this bucket or object, or its secret is wrong. ${IAM_POLICY_HINT}`,
};
const notFound = {
  hint: 'S3 answered 404 Not Found: the bucket or object does not exist (check names, region and endpoint).',
};

/**
 * S3's error codes, each with what a person can do about it. The code is the `<Code>` of
 * S3's XML error body. https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList
 * HEAD requests carry no body, so their failures arrive as the status names the SDK gives
 * them (NotFound, Forbidden, MovedPermanently): those are listed too.
 */
export const s3ErrorHints: ErrorHints = {
  // Credentials and signing
  InvalidAccessKeyId: {
    hint: 'S3 does not know this access key ID: copy it again from IAM (it starts with AKIA, or ASIA with a session token) and check it was not deactivated or deleted. For an S3-compatible store, use the key that store issued and set its endpoint.',
  },
  SignatureDoesNotMatch: {
    hint: 'The secret access key is wrong (the signature S3 computed differs): paste the secret again, without spaces. With an S3-compatible store, also check the endpoint and the path-style setting.',
  },
  AuthorizationHeaderMalformed: {
    hint: "The request was signed for the wrong region: set the credential's region to the bucket's region (the message names the one S3 expects).",
  },
  ExpiredToken: {
    hint: 'The session token expired: temporary credentials last minutes to hours. Save fresh credentials (access key, secret and session token) from STS or your SSO login.',
  },
  InvalidToken: {
    hint: 'The session token is malformed or does not belong to this access key: paste the three values of one set of temporary credentials together.',
  },
  TokenRefreshRequired: {
    hint: 'The session token must be refreshed: save new temporary credentials.',
  },
  RequestTimeTooSkewed: {
    hint: "This machine's clock is more than 15 minutes off: S3 rejects signatures with the wrong time. Sync the clock (NTP) and run again.",
  },
  AccessDenied: {
    hint: `The key may not do this to this bucket or object. ${IAM_POLICY_HINT}`,
  },
  Forbidden: forbidden,
  AllAccessDisabled: { hint: 'All access to this object or bucket has been disabled by AWS.' },
  AccountProblem: {
    hint: 'The AWS account has a problem (billing, suspended) that blocks the request: check it in the AWS console.',
  },
  InvalidSecurity: { hint: 'S3 rejected the security credentials: save them again.' },

  // Region and endpoint
  PermanentRedirect: wrongRegion,
  MovedPermanently: {
    hint: "The bucket lives in another region: set the credential's region to the bucket's region.",
  },
  TemporaryRedirect: {
    retryable: true,
    hint: 'S3 is still propagating the DNS of a new bucket: wait a few minutes, or set the region explicitly.',
  },
  IllegalLocationConstraintException: {
    hint: "The region in the credential does not match the bucket's region: set the bucket's region.",
  },
  EndpointNotFound: {
    hint: 'No S3 endpoint answers for this region: check the region name (e.g. eu-west-1) and the custom endpoint.',
  },

  // Buckets and objects
  NoSuchBucket: {
    hint: 'No bucket has this name (in this account and region, or on this endpoint): check the spelling, the region, and for S3-compatible stores the endpoint.',
  },
  NoSuchKey: {
    hint: 'No object has this key: keys are case-sensitive and include the full path (folder/name.ext). List the bucket with a prefix to find it.',
  },
  NotFound: notFound,
  InvalidBucketName: {
    hint: 'The bucket name is not valid: 3-63 characters, lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.',
  },
  KeyTooLongError: { hint: 'The object key is longer than 1024 bytes: use a shorter key.' },
  InvalidObjectState: {
    hint: 'The object is archived (S3 Glacier Flexible Retrieval / Deep Archive or an archive tier): restore it first, then download it.',
  },
  NoSuchUpload: {
    hint: 'The multipart upload was aborted or completed meanwhile (a lifecycle rule may clean up incomplete uploads): run the upload again.',
  },
  InvalidArgument: {
    hint: 'S3 rejected an argument (the message names it): check the metadata names and values, the content type and the key.',
  },
  InvalidRequest: {
    hint: 'S3 rejected the request as invalid (the message says why): often a setting the bucket does not allow, such as an ACL on a bucket with ACLs disabled.',
  },
  MalformedXML: {
    hint: 'S3 could not read the request body: this is a bug in the aws-s3 plugin, please report it with this message.',
  },
  MissingContentLength: {
    hint: 'The store needs the content length up front: this is a bug in the aws-s3 plugin, please report it.',
  },
  PreconditionFailed: { hint: 'A condition of the request did not hold (the object changed).' },

  // Size limits
  EntityTooLarge: {
    hint: 'The object is too large for one request (5 GiB): uploads switch to multipart above the part size, so lower the part size; an object can be at most 5 TiB (10,000 parts).',
  },
  EntityTooSmall: {
    hint: 'A multipart part is below the 5 MiB minimum (only the last part may be smaller): raise the part size to at least 5 MiB.',
  },
  InvalidPart: {
    hint: 'A multipart part was not found or did not match: run the upload again.',
  },
  InvalidPartOrder: { hint: 'The parts were not in order: run the upload again.' },
  TooManyParts: {
    hint: 'A multipart upload takes at most 10,000 parts: raise the part size.',
  },

  // Integrity (S3-compatible stores and proxies)
  BadDigest: {
    hint: 'The body S3 received does not match its checksum: try again; if it keeps failing, a proxy changes the body.',
  },
  XAmzContentSHA256Mismatch: {
    hint: 'The store computed a different body hash: usually an S3-compatible store that does not accept the checksum framing newer SDKs send, or a proxy that changes the body. Report it with the store name.',
  },
  InvalidDigest: { hint: 'The checksum sent with the body is malformed: run again.' },

  // Throttling and server-side failures
  SlowDown: {
    rateLimited: true,
    retryable: true,
    hint: 'S3 asks to slow down (too many requests to one prefix: about 3,500 writes or 5,500 reads per second). knotwork retried with backoff; spread the keys over more prefixes or run the workflow less often.',
  },
  ServiceUnavailable: {
    retryable: true,
    hint: 'S3 is temporarily unavailable or throttling: try again shortly.',
  },
  InternalError: {
    retryable: true,
    hint: 'S3 had an internal error; the request may or may not have taken effect. Run the node again.',
  },
  RequestTimeout: {
    retryable: true,
    hint: 'The body did not reach S3 in time: check the network and run again.',
  },
  OperationAborted: {
    retryable: true,
    hint: 'Another operation on this bucket is in progress: try again shortly.',
  },
};

/**
 * S3's wire behaviour for the SDK's http layer, which the AWS SDK's requests go through
 * (see s3-client.ts). Request rates: "at least 3,500 PUT/COPY/POST/DELETE or 5,500
 * GET/HEAD requests per second per partitioned prefix".
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/optimizing-performance.html
 */
export const s3Policy: ServicePolicy = {
  rateLimit: {
    rules: [
      { method: 'GET', requests: 5500, perSeconds: 1 },
      { method: 'HEAD', requests: 5500, perSeconds: 1 },
      { method: 'PUT', requests: 3500, perSeconds: 1 },
      { method: 'POST', requests: 3500, perSeconds: 1 },
      { method: 'DELETE', requests: 3500, perSeconds: 1 },
    ],
    statuses: [429, 503],
    // "503 Slow Down" carries <Code>SlowDown</Code>; S3 sends no Retry-After, so the wait
    // is exponential backoff with jitter, as S3's error best practices ask.
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/ErrorBestPractices.html
    bodyPatterns: ['<Code>SlowDown</Code>'],
  },
  retry: {
    // "If Amazon S3 returns an InternalError response, retry the request" (same page).
    statuses: [408, 429, 500, 502, 503, 504],
  },
  errors: {
    hints: s3ErrorHints,
    statusHints: {
      '301': wrongRegion,
      '403': forbidden,
      '404': notFound,
    },
  },
  // One multipart part (8 MiB by default) must fit in one request's time on a slow line.
  timeoutMs: 120_000,
};
