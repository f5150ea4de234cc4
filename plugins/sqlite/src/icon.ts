/** A database cylinder on a folded file corner: "a database in one file", drawn for knotwork. */
export const sqliteIcon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><path d="M14 3H6a1 1 0 0 0-1 1v16a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V8z"/><path d="M14 3v5h5"/><ellipse cx="12" cy="11.5" rx="3.5" ry="1.5"/><path d="M8.5 11.5v5c0 .8 1.6 1.5 3.5 1.5s3.5-.7 3.5-1.5v-5M8.5 14c0 .8 1.6 1.5 3.5 1.5s3.5-.7 3.5-1.5"/></svg>';
