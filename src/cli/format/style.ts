/** Compact tables; colours only on a terminal, so piped output and CI logs stay plain text. */
export const TABLE_STYLE = process.stdout.isTTY ? { compact: true } : { compact: true, head: [] as string[], border: [] as string[] };
