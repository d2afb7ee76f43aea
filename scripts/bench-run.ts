/**
 * One build for the benchmark, run as its own process: the kogi command line, then the
 * process's peak memory (all threads) on the last line of stdout as JSON.
 */
import { main } from '../src/cli.js'

const code = await main(process.argv.slice(2))
process.stdout.write(JSON.stringify({ code, maxRssKb: process.resourceUsage().maxRSS }) + '\n')
process.exit(code)
