/**
 * A project folder for command-line tests: the repository's templates and theme, the given
 * content and, when given, a config.
 */
import fs from 'node:fs'
import path from 'node:path'
import { tempProject } from './build.js'
import { projectRoot } from './shared.js'

/**
 * Make the project folder.
 *
 * @param files Content files by path relative to `content/`.
 * @param config What `kogi.config.json` holds; no file when undefined.
 */
export function project(files: Record<string, string>, config?: unknown): string {
  const { dir } = tempProject(files)
  fs.cpSync(path.join(projectRoot, 'templates'), path.join(dir, 'templates'), { recursive: true })
  fs.cpSync(path.join(projectRoot, 'assets'), path.join(dir, 'assets'), { recursive: true })
  if (config !== undefined) fs.writeFileSync(path.join(dir, 'kogi.config.json'), JSON.stringify(config))
  return dir
}
