import type { ServicePolicy } from '@knotwork/sdk';

/**
 * How {{displayName}} reports errors and limits, as data the SDK's http layer applies.
 * Replace the example codes with the ones the provider documents, and add its rate
 * limits under `rateLimit.rules` (e.g. { requests: 10, perSeconds: 1 }).
 */
export const servicePolicy: ServicePolicy = {
  errors: {
    codePath: 'error.code',
    messagePath: 'error.message',
    hints: {
      invalid_api_key: {
        hint: 'The API key was refused: create a new key in {{displayName}} and update the credential.',
      },
      not_found: {
        hint: 'No item has that ID: copy the ID from the item in {{displayName}}.',
      },
    },
  },
};
