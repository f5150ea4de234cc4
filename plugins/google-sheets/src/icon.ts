/** A sheet of paper with a grid on it: a generic "spreadsheet" mark, not Google's logo. */
export const googleSheetsIcon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><path d="M6 2.5h8.5L19 7v13.5a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1v-17a1 1 0 0 1 1-1z"/><path d="M14.5 2.5V7H19"/><path d="M8 11h8v7H8zM8 14.5h8M11 11v7"/></svg>';
