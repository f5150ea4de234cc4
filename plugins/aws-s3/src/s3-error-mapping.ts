import { S3ServiceException } from '@aws-sdk/client-s3';
import { IntegrationError, isIntegrationError } from '@knotwork/sdk';
import { s3ErrorHints, s3Policy } from './errors.js';

/** What was being done, for messages: "S3 GetObject s3://bucket/key failed". */
export interface S3Operation {
  name: string;
  bucket?: string;
  key?: string;
}

const ERROR_LIST_URL = 'https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html';

/** Codes whose answer carries the bucket's real region in `x-amz-bucket-region`. */
const WRONG_REGION_CODES = new Set([
  'PermanentRedirect',
  'MovedPermanently',
  'AuthorizationHeaderMalformed',
  'IllegalLocationConstraintException',
]);

/** HEAD answers have no body, so the SDK can only name the status; S3's own words for them. */
const STATUS_NAMES: Record<number, string> = {
  301: 'MovedPermanently',
  400: 'BadRequest',
  403: 'Forbidden',
  404: 'NotFound',
  500: 'InternalError',
  503: 'ServiceUnavailable',
};

/**
 * An S3 failure as knotwork reports it: S3's error code as the code, its hint, and
 * whether trying again can help. Cancellation and knotwork's own errors (network,
 * timeout) pass through unchanged.
 */
export function toS3IntegrationError(
  error: unknown,
  operation: S3Operation,
  signal?: AbortSignal,
): unknown {
  if (signal?.aborted) return error;
  if (isIntegrationError(error)) {
    return error.code === 'network_error' ? withEndpointHint(error) : error;
  }
  const target = describeTarget(operation);
  if (S3ServiceException.isInstance(error)) {
    const status = error.$metadata.httpStatusCode;
    const code = s3Code(error.name, status);
    const known = s3ErrorHints[code] ?? (status === undefined ? undefined : statusHint(status));
    const bucketRegion = headerOf(error, 'x-amz-bucket-region');
    const hint =
      bucketRegion && WRONG_REGION_CODES.has(code)
        ? `The bucket is in region ${bucketRegion}: set the credential's region to ${bucketRegion} and run again.`
        : (known?.hint ??
          `S3 answered ${status ?? 'with'} ${code}: look the code up in ${ERROR_LIST_URL}.`);
    const requestId = error.$metadata.requestId;
    return new IntegrationError({
      service: 'aws-s3',
      code,
      message: `S3 ${operation.name} ${target} failed: ${code}${error.message && error.message !== code ? `: ${error.message}` : ''}`,
      hint,
      ...(status === undefined ? {} : { status }),
      retryable: known?.retryable ?? (status !== undefined && status >= 500),
      details: {
        ...(requestId ? { requestId } : {}),
        ...(bucketRegion ? { bucketRegion } : {}),
      },
      cause: error,
    });
  }
  if (hasRawResponse(error)) {
    // The SDK could not read the answer as S3 XML: something else answered.
    return new IntegrationError({
      service: 'aws-s3',
      code: 'invalid_response',
      message: `S3 ${operation.name} ${target}: the endpoint's answer is not an S3 response (${errorMessage(error)})`,
      hint: 'Check the endpoint URL (the S3 API URL of the store, not its web console) and the path-style setting.',
      cause: error,
    });
  }
  return error;
}

/** The http layer speaks of a base URL; an S3 credential calls it the endpoint and region. */
function withEndpointHint(error: IntegrationError): IntegrationError {
  return new IntegrationError({
    service: error.service,
    code: error.code,
    message: error.message,
    hint: 'S3 could not be reached: check the network, the region, and the endpoint URL in the credential (for S3-compatible stores, that the store is running and the port is right).',
    retryable: error.retryable,
    cause: error,
  });
}

function describeTarget(operation: S3Operation): string {
  if (!operation.bucket) return '';
  return `s3://${operation.bucket}/${operation.key ?? ''}`;
}

function s3Code(name: string, status: number | undefined): string {
  const generic =
    name === '' || name === 'Unknown' || name === 'UnknownError' || /^\d+$/.test(name);
  if (!generic) return name;
  return (status !== undefined && STATUS_NAMES[status]) || `Http${status ?? 'Error'}`;
}

function statusHint(status: number) {
  return s3Policy.errors?.statusHints?.[String(status)];
}

function headerOf(error: S3ServiceException, name: string): string | undefined {
  const value = error.$response?.headers?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function hasRawResponse(error: unknown): boolean {
  return typeof error === 'object' && error !== null && '$response' in error;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}
