/**
 * What the element fetches on the first import (one chunk): the import module and the panel's
 * mapping and report views. `.xlsx` files fetch their reader separately, on top.
 */
export * from '../import/index.js';
export { importBody, importStyles } from '../ui/import-views.js';
export { ImportSession } from './import-session.js';
