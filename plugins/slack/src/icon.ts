/** A speech bubble with a hash sign: a generic "post to a channel" mark, not Slack's logo. */
export const slackIcon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><path d="M4 4.5h16a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H9.5L5 20v-3.5H4a1 1 0 0 1-1-1v-10a1 1 0 0 1 1-1z"/><path d="M10.5 7.5 9.5 13.5M14.5 7.5l-1 6M8 9.5h8M7.5 11.5h8"/></svg>';
