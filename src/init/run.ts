/** `kogi init` on the command line: set the repository up and say what was done to each file. */
import { init } from './init.js'

/**
 * Run `kogi init` and print one line per file.
 *
 * @param root The repository folder.
 * @returns The exit code: 0, or 2 when a file kogi reads (`_config.yml`, `package.json`) cannot be read.
 */
export function runInit(root: string): number {
  try {
    for (const line of init(root)) process.stdout.write(`kogi init: ${line}\n`)
  } catch (error) {
    process.stderr.write(`kogi init: ${(error as Error).message}\n`)
    return 2
  }
  process.stdout.write('kogi init: next, `npm run build` builds the site into _site/\n')
  return 0
}
