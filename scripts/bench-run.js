/**
 * One build for the benchmark, run as its own process through the compiled command line (as
 * `npm run build` runs it): the kogi command line, then the process's peak memory (all threads)
 * on the last line of stdout as JSON.
 */
import { compiled } from '../bin/compile.js'

const { main } = await import(await compiled())
const code = await main(process.argv.slice(2))
process.stdout.write(JSON.stringify({ code, maxRssKb: process.resourceUsage().maxRSS }) + '\n')
process.exitCode = code
