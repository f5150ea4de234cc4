/** A paper plane, the generic "send" mark: drawn here, not Telegram's logo. */
export const telegramIcon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><path d="M21.5 3.5 2.5 11l6.5 2.5L21.5 3.5z"/><path d="M21.5 3.5 18 20l-9-6.5"/><path d="M9 13.5V19l3-3.2"/></svg>';
