import { defineNode, FieldType, field, z } from '@knotwork/sdk';
import { xRequest } from '../client.js';
import { oauth2 } from '../credentials.js';
import { postId } from '../fields.js';
import { MAX_LONG_POST_LENGTH, MAX_POST_LENGTH, weightedLength } from '../post-length.js';
import { postUrl } from '../urls.js';

const input = z
  .strictObject({
    text: field(z.string().trim().min(1, 'Give the text to post'), {
      field: FieldType.TEXT,
      label: 'Text',
      description:
        'At most 280 characters as X counts them: links count 23, emoji and Chinese, Japanese or Korean characters count 2.',
    }),
    reply_to: postId(
      'Reply to',
      'The post to reply to: its id or its link. The reply appears in that conversation.',
    ).optional(),
    quote_tweet_id: postId('Quote', 'The post to quote: its id or its link.').optional(),
    long_post: field(z.boolean().default(false), {
      label: 'Long post (X Premium)',
      description:
        'The account has X Premium, which allows posts of up to 25,000 characters. Leave off otherwise.',
      advanced: true,
    }),
  })
  .superRefine((post, ctx) => {
    const limit = post.long_post ? MAX_LONG_POST_LENGTH : MAX_POST_LENGTH;
    const length = weightedLength(post.text);
    if (length > limit) {
      ctx.addIssue({
        code: 'custom',
        path: ['text'],
        message: `The text counts ${length} characters as X counts them; X allows ${limit.toLocaleString('en')}${post.long_post ? '' : ' (25,000 with X Premium: turn on long_post)'}`,
      });
    }
  });

const output = z.object({
  id: z.string().describe("The new post's id."),
  text: z.string().describe('The text as X stored it (links shortened to t.co).'),
  url: z.string().describe('A link to the post.'),
  edit_history_tweet_ids: z.array(z.string()).optional(),
});

interface CreatePostResponse {
  data: { id: string; text: string; edit_history_tweet_ids?: string[] };
}

/** https://docs.x.com/x-api/posts/creation-of-a-post */
export const postTweet = defineNode({
  key: 'postTweet',
  kind: 'action',
  displayName: 'Post Tweet',
  description: 'Posts to X as the connected account, optionally as a reply or a quote.',
  // Posting needs a user: an app bearer token is refused before any request is made, with
  // an error naming twitter.oauth2 (X would answer 403 unsupported-authentication).
  credentials: [oauth2],
  input,
  output,
  run: async (ctx, post) => {
    const { data } = await xRequest<CreatePostResponse>(ctx.http, {
      method: 'POST',
      url: '/tweets',
      json: {
        text: post.text,
        ...(post.reply_to ? { reply: { in_reply_to_tweet_id: post.reply_to } } : {}),
        ...(post.quote_tweet_id ? { quote_tweet_id: post.quote_tweet_id } : {}),
      },
    });
    return {
      id: data.data.id,
      text: data.data.text,
      url: postUrl(data.data.id),
      ...(data.data.edit_history_tweet_ids
        ? { edit_history_tweet_ids: data.data.edit_history_tweet_ids }
        : {}),
    };
  },
});
