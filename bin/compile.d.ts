/** See compile.js: make sure dist/ holds kogi's sources compiled; returns a compiled module's file URL. */
export function compiled(entry?: string, root?: string): Promise<string>
