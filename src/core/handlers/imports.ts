import type { importsApi } from '../../contract/api/imports.js';
import type { Handlers } from '../../transport/dispatch.js';
import { importTable } from '../intake/table/index.js';
import * as importsRepo from '../store/imports.js';
import type { CoreContext } from './context.js';

/** Handlers for CSV import: preview (dry run) and the real import. */
export function importsHandlers(core: CoreContext): Handlers<typeof importsApi> {
  const ctx = core.store;
  return {
    'imports.preview': ({ text, file_name, mapping }) =>
      importTable(ctx, {
        text,
        dryRun: true,
        ...(file_name ? { fileName: file_name } : {}),
        ...(mapping ? { mapping } : {}),
      }),
    'imports.run': async ({ text, file_name, mapping }) => {
      const r = await importTable(ctx, {
        text,
        ...(file_name ? { fileName: file_name } : {}),
        ...(mapping ? { mapping } : {}),
      });
      if (r.ok && r.value.imported > 0) core.bus.emit('changed', { topic: 'leads', ids: [] });
      return r;
    },
    'imports.list': () => ({
      ok: true,
      value: importsRepo.list(ctx, 50).map((i) => ({
        id: i.id,
        file_name: i.file_name,
        created_at: i.created_at,
        imported: i.rows_imported,
        invalid: i.rows_invalid,
      })),
    }),
  };
}
