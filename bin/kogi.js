#!/usr/bin/env node
// Entry point for `kogi` and the npm scripts. In kogi's own checkout it runs the sources compiled
// on demand (see compile.js); installed as a package it runs the dist/ compiled at packing time,
// so nothing is ever written inside node_modules.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = fileURLToPath(import.meta.url)
const root = path.resolve(path.dirname(here), '..')
// Reached through node_modules/.bin/kogi, argv[1] names the link: the command line module
// recognises itself being run by this file's own name.
process.argv[1] = here
if (fs.existsSync(path.join(root, 'src', 'cli.ts'))) {
  const { compiled } = await import('./compile.js')
  await import(await compiled())
} else {
  await import(pathToFileURL(path.join(root, 'dist', 'cli.js')).href)
}
