import { field, z } from '@knotwork/sdk';

/**
 * A message's `ts`: seconds, a dot, and a sequence number, e.g. "1503435956.000247".
 * Checked here because a message link or a number pasted instead fails later with a less
 * helpful code (bad_timestamp, or a reply posted as a new message).
 */
export function messageTimestamp(label: string, description: string) {
  return field(
    z
      .string()
      .trim()
      .regex(
        /^\d+\.\d+$/,
        'A Slack message timestamp looks like 1503435956.000247 (the ts field of the message, kept as text)',
      ),
    { label, description, placeholder: '1503435956.000247' },
  );
}
