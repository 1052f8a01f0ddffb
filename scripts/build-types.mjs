#!/usr/bin/env node
/**
 * Type declarations for the published package (`npm run build`, after the bundler build):
 * `tsc` writes dist/**\/*.d.ts from src/, then the hand-written framework typings
 * (src/types/frameworks.d.ts: React 19 JSX, Vue GlobalComponents) are copied beside them and
 * referenced from dist/index.d.ts, so that importing the package types `<plan-map>` in TSX and
 * Vue templates too.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');
execFileSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
mkdirSync(join(dist, 'types'), { recursive: true });
copyFileSync(join(root, 'src/types/frameworks.d.ts'), join(dist, 'types/frameworks.d.ts'));
const index = join(dist, 'index.d.ts');
const reference = '/// <reference path="./types/frameworks.d.ts" />\n';
const text = readFileSync(index, 'utf8');
if (!text.startsWith(reference)) writeFileSync(index, reference + text);
console.log('dist/*.d.ts written, with the React and Vue typings of <plan-map>');
