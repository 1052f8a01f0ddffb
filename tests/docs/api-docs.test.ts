/**
 * The element's API is declared once, in the class JSDoc. custom-elements.json is generated
 * from it (npm run analyze) and the README documents it: both must stay in step with the code.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

interface Manifest {
  modules: {
    declarations?: {
      customElement?: boolean;
      tagName?: string;
      attributes?: { name: string }[];
      events?: { name: string }[];
      members?: { name: string; kind: string; privacy?: string; static?: boolean }[];
      slots?: { name: string }[];
      cssParts?: { name: string }[];
      cssProperties?: { name: string }[];
    }[];
  }[];
}

const committed: Manifest = JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8'));
const element = committed.modules
  .flatMap((m) => m.declarations ?? [])
  .find((d) => d.customElement && d.tagName === 'plan-map')!;

describe('custom-elements.json', () => {
  it('is what the analyzer generates from the current source (run `npm run analyze`)', () => {
    // The analyzer resolves outdir inside the working directory: use an ignored folder there.
    mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
    const out = mkdtempSync(join(ROOT, 'node_modules/.cache/cem-'));
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze'],
      { cwd: ROOT, stdio: 'pipe', env: { ...process.env, CEM_OUTDIR: relative(ROOT, out) } },
    );
    const fresh = JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8'));
    rmSync(out, { recursive: true, force: true });
    expect(fresh).toEqual(committed);
  }, 60_000);

  it('declares the contract portals rely on', () => {
    expect(element.attributes?.map((a) => a.name)).toEqual(
      expect.arrayContaining([
        'src',
        'lang',
        'layers',
        'selected',
        'basemap',
        'tianditu-key',
        'panel',
        'cooperative-gestures',
        'year',
        'filter',
        'hash',
      ]),
    );
    expect(element.events?.map((e) => e.name).sort()).toEqual([
      'plan-error',
      'plan-filter-change',
      'plan-import',
      'plan-layer-toggle',
      'plan-ready',
      'plan-select',
      'plan-view-change',
    ]);
    const methods = element.members
      ?.filter((m) => m.kind === 'method' && m.privacy !== 'private' && !m.static)
      .map((m) => m.name);
    expect(methods).toEqual(
      expect.arrayContaining([
        'select',
        'fitTo',
        'setLayerVisible',
        'exportData',
        'exportImage',
        'importItems',
        'clearImport',
      ]),
    );
    const fields = element.members?.filter((m) => m.kind === 'field').map((m) => m.name);
    expect(fields).toEqual(expect.arrayContaining(['plan', 'map', 'ready']));
    expect(element.slots?.map((s) => s.name)).toEqual(
      expect.arrayContaining(['header', 'panel-footer']),
    );
  });
});

describe('README', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  it('documents every attribute, event, method, slot, part and custom property of the element', () => {
    const names = [
      ...(element.attributes ?? []).map((a) => a.name),
      ...(element.events ?? []).map((e) => e.name),
      ...(element.members ?? [])
        .filter((m) => m.kind === 'method' && m.privacy !== 'private' && !m.static)
        .map((m) => `${m.name}(`),
      ...(element.slots ?? []).map((s) => s.name),
      ...(element.cssParts ?? []).map((p) => p.name),
      ...(element.cssProperties ?? []).map((p) => p.name),
    ];
    const missing = names.filter((n) => !readme.includes(`\`${n}`));
    expect(missing).toEqual([]);
  });
});
