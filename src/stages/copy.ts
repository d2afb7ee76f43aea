/**
 * Copy stage: the content folder's files that are not lectures, and the assets folder's files
 * (kogi's theme excepted, which the theme publishes bundled), into the new site as they are.
 */
import type { VFile } from 'vfile'
import type { Found } from './discover.js'
import { isOutOfSpace, type SiteWriter } from './write.js'

/**
 * Copy the static files.
 *
 * @param writer The new site.
 * @param statics The content folder's other files, at their own paths.
 * @param assets The assets folder's files, published under `/assets/`.
 * @param siteFile Where problems of the site as a whole are reported.
 * @throws Only a full disk.
 */
export function copyStatics(writer: SiteWriter, statics: readonly Found[], assets: readonly Found[], siteFile: VFile): void {
  // A file deleted or replaced while the build runs is reported and skipped, not fatal.
  const copy = (rel: string, abs: string, shown: string) => {
    try {
      writer.copy(rel, abs)
    } catch (error) {
      if (isOutOfSpace(error)) throw error
      siteFile.message(`${shown}: could not be copied (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); was it deleted during the build?`, { ruleId: 'read', source: 'kogi' })
    }
  }
  for (const s of statics) copy(s.rel, s.abs, s.rel)
  for (const a of assets) {
    if (a.rel.startsWith('kogi/')) continue
    const rel = `assets/${a.rel}`
    if (writer.has(rel)) {
      siteFile.message(`assets/${a.rel} and content/${rel} both want ${'/' + rel}; the content file wins`, { ruleId: 'asset-clash', source: 'kogi' })
      continue
    }
    copy(rel, a.abs, `assets/${a.rel}`)
  }
}
