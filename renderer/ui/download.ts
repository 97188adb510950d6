/**
 * Saves content as a file through an `<a download>` link: the browser's download in the web host, the save
 * dialog in Electron (which turns a page download into its `will-download` flow).
 *
 * @example
 * downloadFile('organismes.csv', toCsv(columns, rows), CSV_MIME_TYPE);
 */
export function downloadFile(fileName: string, content: Blob | string, type = 'application/octet-stream'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  // Firefox only follows a link that is in the document.
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel a download that has not started yet; FileSaver.js waits 40 s as well.
  setTimeout(() => URL.revokeObjectURL(url), 40_000);
}
