import packageJson from '../package.json' with { type: 'json' };

/**
 * Root of Discord's HTTP API, pinned to v10: unversioned routes go to the deprecated v6.
 * https://discord.com/developers/docs/reference#api-versioning
 */
export const DISCORD_API_URL = 'https://discord.com/api/v10';

/** The plugin's user documentation, relative to the knotwork docs root (the studio serves it). */
export const DISCORD_DOCS_URL = 'docs/integrations/discord.md';

/**
 * "Clients using the HTTP API must provide a valid User Agent ... DiscordBot ($url,
 * $versionNumber)"; requests without one "may be blocked" by Cloudflare (error 40333).
 * https://discord.com/developers/docs/reference#user-agent
 */
export const DISCORD_USER_AGENT = `DiscordBot (https://www.npmjs.com/package/@knotwork/plugin-discord, ${packageJson.version}) knotwork`;

/** Headers every request to Discord carries. */
export const discordHeaders = { 'user-agent': DISCORD_USER_AGENT } as const;
