/**
 * kogi's TypeScript sources as JavaScript: transpiled file by file (esbuild, no bundling) into
 * dist/, once, and again whenever a source changes.
 *
 * Loading the sources through a TypeScript loader costs every command about half a second before
 * any work starts; a warm build of a 200-page site takes less than that. dist/ is never committed
 * and never edited: its stamp records every source's path, size and mtime, so an edited source or
 * a new checkout recompiles on the next command (~0.2 s). dist/ mirrors src/, so paths relative to
 * a module (the package root, src/search/engine.js) mean the same from either.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const STAMP = '.stamp'

function sources(src) {
  return fs
    .readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((rel) => /\.(ts|js|json)$/.test(rel) && !rel.endsWith('.d.ts'))
    .sort()
}

function fingerprint(src, files) {
  const hash = crypto.createHash('sha256')
  for (const rel of files) {
    const st = fs.statSync(path.join(src, rel))
    hash.update(`${rel}\t${st.size}\t${st.mtimeMs}\n`)
  }
  return hash.update(process.version).digest('hex')
}

/**
 * Make sure dist/ holds the current sources compiled.
 *
 * @param entry A module's path under src/; default the command line.
 * @param root The folder holding src/ and dist/; default kogi's own.
 * @returns The file URL of the compiled module.
 */
export async function compiled(entry = 'cli.ts', root = packageRoot) {
  const src = path.join(root, 'src')
  const dist = path.join(root, 'dist')
  const files = sources(src)
  const stamp = fingerprint(src, files)
  const url = pathToFileURL(path.join(dist, entry.replace(/\.ts$/, '.js'))).href
  let current
  try {
    current = fs.readFileSync(path.join(dist, STAMP), 'utf8')
  } catch {
    current = undefined
  }
  if (current === stamp) return url
  const esbuild = await import('esbuild')
  // Compile beside dist/ and swap in, so a command running at the same time never sees half a tree.
  const tmp = `${dist}.tmp-${process.pid}`
  fs.rmSync(tmp, { recursive: true, force: true })
  for (const rel of files) {
    const from = path.join(src, rel)
    const to = path.join(tmp, rel.replace(/\.ts$/, '.js'))
    fs.mkdirSync(path.dirname(to), { recursive: true })
    if (!rel.endsWith('.ts')) {
      fs.copyFileSync(from, to)
      continue
    }
    const { code } = esbuild.transformSync(fs.readFileSync(from, 'utf8'), { loader: 'ts', format: 'esm', platform: 'node', target: 'node20', sourcefile: from })
    fs.writeFileSync(to, code)
  }
  fs.writeFileSync(path.join(tmp, STAMP), stamp)
  const old = `${dist}.old-${process.pid}`
  try {
    if (fs.existsSync(dist)) fs.renameSync(dist, old)
    fs.renameSync(tmp, dist)
  } catch {
    // Another command compiled the same sources at the same moment; its copy is as good.
    fs.rmSync(tmp, { recursive: true, force: true })
  }
  fs.rmSync(old, { recursive: true, force: true })
  return url
}

// `node bin/compile.js` (the package's prepack step): compile now, so the packed dist/ is current.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await compiled()
