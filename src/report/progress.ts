/**
 * Progress: a line that counts pages as they are rendered, on an interactive terminal only.
 * CI logs and pipes get nothing (a stream of carriage returns is noise in a log).
 */

/** Something progress can be written to (process.stderr). */
export interface ProgressStream {
  readonly isTTY?: boolean
  write(text: string): unknown
}

/**
 * A progress callback for a build, or undefined when the output is not a terminal or CI is set.
 *
 * @param stream Where to draw the line.
 * @param env The environment (CI=true turns progress off).
 */
export function progressLine(stream: ProgressStream, env: NodeJS.ProcessEnv = process.env): ((done: number, total: number) => void) | undefined {
  if (!stream.isTTY || (env.CI && env.CI !== 'false')) return undefined
  let last = 0
  return (done, total) => {
    const now = performance.now()
    // Redrawing at most ten times a second keeps the terminal from being the bottleneck.
    if (done < total && now - last < 100) return
    last = now
    stream.write(done < total ? `\rkogi: rendering ${done}/${total} pages` : '\r\x1b[K')
  }
}
