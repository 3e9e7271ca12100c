/** Table colours only on a terminal: piped output and CI logs stay plain text. */
export const TABLE_STYLE = process.stdout.isTTY ? {} : { head: [] as string[], border: [] as string[] };
