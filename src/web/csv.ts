// CSV for spreadsheets: RFC 4180 quoting, and cells that a spreadsheet would run as a formula are defused.
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  // =, +, -, @, tab and CR start formulas in Excel and LibreOffice (OWASP "CSV injection").
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
