// @ts-check
/**
 * The Content-Type of a file by its extension, for the static servers of the browser tests, the
 * browser benchmark and the Lighthouse run (one table instead of a copy in each).
 */
import { extname } from 'node:path';

/** @type {Readonly<Record<string, string>>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * @param {string} path a file path or URL path
 * @returns {string} its Content-Type; `application/octet-stream` for an unknown extension
 */
export function contentTypeOf(path) {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}
