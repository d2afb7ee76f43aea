/**
 * Rule levels from `kogi.config.json` (`"rules": {"img-alt": "off", "broken-link": "error"}`),
 * applied to a build's messages before they are reported and counted.
 *
 * Levels change what the report says, never a page: a page with a problem made an error is still
 * written (the build fails, as with `--strict`), and the page cache does not depend on them.
 * Only warnings change level (src/report/rules.ts says which rules may be set): a problem that
 * stops a page from being built is always an error.
 */
import type { VFile } from 'vfile'
import type { RuleLevel } from './rules.js'

/**
 * Drop the messages of rules set to `off` and make those of rules set to `error` fatal.
 *
 * @param files The build's files; their messages are changed in place.
 * @param levels The config's `rules`.
 * @returns The ids of the rules whose warnings became errors, for the report to name.
 */
export function applyRuleLevels(files: readonly VFile[], levels: Readonly<Record<string, RuleLevel>>): string[] {
  const raised = new Set<string>()
  for (const file of files) {
    file.messages = file.messages.filter((m) => m.ruleId === undefined || m.fatal === true || levels[m.ruleId] !== 'off')
    for (const m of file.messages) {
      if (m.ruleId === undefined || m.fatal !== false || levels[m.ruleId] !== 'error') continue
      m.fatal = true
      raised.add(m.ruleId)
    }
  }
  return [...raised]
}
