/** The Content-Type of a file by its extension (see content-types.mjs). */
export function contentTypeOf(path: string): string;
