import { parse } from 'csv-parse/sync';

/** An import refused as a whole, with every problem found (line by line where it can). */
export class ImportError extends Error {
  constructor(readonly problems: string[]) {
    super(`Nothing was imported:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ImportError';
  }
}

/**
 * The rows of an import CSV, refused as a whole before any line is read when the header lacks a
 * required column (naming the columns expected and found: per-line errors after a wrong header
 * only mislead) or the file is not CSV at all.
 */
export function readCsvRecords(csvText: string, columns: { expected: string[]; required: string[] }): Record<string, string | undefined>[] {
  let records: Record<string, string | undefined>[];
  let header: string[];
  try {
    header = ((parse(csvText, { to_line: 1, trim: true, bom: true }) as string[][])[0] ?? []).map((c) => c.toLowerCase());
    records = parse(csvText, { columns: (names: string[]) => names.map((n) => n.toLowerCase()), skip_empty_lines: true, trim: true, bom: true }) as Record<string, string | undefined>[];
  } catch (error) {
    throw new ImportError([`not a readable CSV file: ${(error as Error).message}`]);
  }
  const missing = columns.required.filter((c) => !header.includes(c));
  if (header.length === 0) throw new ImportError([`the file is empty; the first line must be the header ${columns.expected.join(',')}`]);
  if (missing.length > 0) {
    throw new ImportError([`the header must be ${columns.expected.join(',')} (missing: ${missing.join(', ')}; found: ${header.join(',') || 'nothing'})`]);
  }
  return records;
}
