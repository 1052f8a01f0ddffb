/**
 * The list import must not grow the element's bundle by its parsers: the import module,
 * papaparse and the .xlsx reader are chunks fetched on demand, never statically imported from
 * plan-map.js or the membership worker. Checked on a real production build (the project's
 * vite.config.ts), reading which modules each chunk holds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';

interface ChunkInfo {
  fileName: string;
  isEntry: boolean;
  imports: string[];
  moduleIds: string[];
}

async function buildChunks(): Promise<ChunkInfo[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'plan-map-import-bundle-'));
  const chunks: ChunkInfo[] = [];
  try {
    await build({
      configFile: new URL('../../vite.config.ts', import.meta.url).pathname,
      logLevel: 'error',
      build: { outDir, emptyOutDir: true, sourcemap: false, write: false },
      plugins: [
        {
          name: 'collect-chunks',
          generateBundle(_options: unknown, bundle: Rollup.OutputBundle) {
            for (const c of Object.values(bundle)) {
              if (c.type !== 'chunk') continue;
              chunks.push({
                fileName: c.fileName,
                isEntry: c.isEntry,
                imports: c.imports,
                moduleIds: c.moduleIds,
              });
            }
          },
        },
      ],
    });
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  return chunks;
}

describe('bundle', () => {
  it('the import module, papaparse and read-excel-file load on demand only', async () => {
    const chunks = await buildChunks();
    const byFile = new Map(chunks.map((c) => [c.fileName, c]));
    const statics = new Set<string>();
    const visit = (f: string) => {
      if (statics.has(f)) return;
      statics.add(f);
      for (const i of byFile.get(f)?.imports ?? []) visit(i);
    };
    for (const c of chunks) if (c.isEntry) visit(c.fileName);
    const staticModules = [...statics].flatMap((f) => byFile.get(f)?.moduleIds ?? []);
    const lazyOnly = [
      /node_modules\/papaparse\//,
      /node_modules\/read-excel-file\//,
      /\/src\/import\//,
    ];
    for (const re of lazyOnly) {
      expect(
        staticModules.filter((m) => re.test(m)),
        String(re),
      ).toEqual([]);
    }
    // … and they are in the build, in chunks of their own.
    const all = chunks.flatMap((c) => c.moduleIds);
    for (const re of lazyOnly)
      expect(
        all.some((m) => re.test(m)),
        String(re),
      ).toBe(true);
    const xlsx = chunks.find((c) => c.moduleIds.some((m) => /read-excel-file/.test(m)))!;
    const importer = chunks.find((c) => c.moduleIds.some((m) => /src\/import\/rows\.ts/.test(m)))!;
    expect(xlsx.fileName).not.toBe(importer.fileName); // a CSV import does not fetch the .xlsx reader
  }, 120_000);
});
