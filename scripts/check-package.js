/**
 * `npm run check:package`: pack kogi, install the tarball into a fresh project with npm (the
 * registry is needed for its dependencies), and build a one-lecture site there with `npx kogi`.
 * Exits non-zero, saying where, when any step fails; the temporary folder is left for a look.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-check-package-'))
const step = (what, command, args, cwd) => {
  process.stderr.write(`check:package: ${what}\n`)
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
}
const [packed] = JSON.parse(step('npm pack', 'npm', ['pack', '--json', '--pack-destination', tmp], root))
const project = path.join(tmp, 'course')
fs.mkdirSync(path.join(project, 'content', 'c'), { recursive: true })
fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "course", "private": true }\n')
fs.writeFileSync(path.join(project, 'content', 'c', '01.md'), '# 行列\n\n$x^2$\n')
step('npm install', 'npm', ['install', path.join(tmp, packed.filename), '--prefer-offline', '--no-audit', '--no-fund'], project)
step('npx kogi build', 'npx', ['kogi', 'build'], project)
if (!fs.existsSync(path.join(project, '_site', 'c', '01', 'index.html'))) {
  process.stderr.write(`check:package: ${project}/_site/c/01/index.html was not written\n`)
  process.exit(1)
}
process.stderr.write(`check:package: the packed kogi installs and builds (in ${project})\n`)
