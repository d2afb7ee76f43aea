/**
 * Which notebook of which repository a lecture's Colab, GitHub, nbviewer or raw link opens, read
 * from the URL alone: queries and fragments ignored, percent-escapes decoded, Japanese names kept.
 */
import { describe, expect, it } from 'vitest'
import { parseNotebookUrl } from '../src/site/notebook-urls.js'
import { nearestNotebook } from '../src/site/notebook-links.js'

const NB = { owner: 'komazawa-deep-learning', name: 'komazawa-deep-learning.github.io', ref: 'master', path: '2021notebooks/2021_0521komazawa_CNN.ipynb' }

describe('a notebook URL', () => {
  it.each([
    ['Colab', 'https://colab.research.google.com/github/komazawa-deep-learning/komazawa-deep-learning.github.io/blob/master/2021notebooks/2021_0521komazawa_CNN.ipynb'],
    ['GitHub', 'https://github.com/komazawa-deep-learning/komazawa-deep-learning.github.io/blob/master/2021notebooks/2021_0521komazawa_CNN.ipynb'],
    ['GitHub', 'https://www.github.com/komazawa-deep-learning/komazawa-deep-learning.github.io/raw/master/2021notebooks/2021_0521komazawa_CNN.ipynb'],
    ['nbviewer', 'https://nbviewer.org/github/komazawa-deep-learning/komazawa-deep-learning.github.io/blob/master/2021notebooks/2021_0521komazawa_CNN.ipynb'],
    ['nbviewer', 'http://nbviewer.jupyter.org/github/komazawa-deep-learning/komazawa-deep-learning.github.io/blob/master/2021notebooks/2021_0521komazawa_CNN.ipynb'],
    ['raw GitHub', 'https://raw.githubusercontent.com/komazawa-deep-learning/komazawa-deep-learning.github.io/master/2021notebooks/2021_0521komazawa_CNN.ipynb'],
    ['raw GitHub', 'https://raw.githubusercontent.com/komazawa-deep-learning/komazawa-deep-learning.github.io/refs/heads/master/2021notebooks/2021_0521komazawa_CNN.ipynb'],
    ['Colab', '//COLAB.research.google.com/github/komazawa-deep-learning/komazawa-deep-learning.github.io/blob/master/2021notebooks/2021_0521komazawa_CNN.ipynb'],
  ])('through %s: %s', (via, url) => {
    expect(parseNotebookUrl(url)).toEqual({ via, ...NB })
  })

  it('ignores the query and the fragment', () => {
    expect(parseNotebookUrl('https://colab.research.google.com/github/o/n/blob/main/a/b.ipynb?authuser=1#scrollTo=x1y2')).toEqual({ via: 'Colab', owner: 'o', name: 'n', ref: 'main', path: 'a/b.ipynb' })
    expect(parseNotebookUrl('https://github.com/o/n/blob/main/a/b.ipynb#L10')?.path).toBe('a/b.ipynb')
    expect(parseNotebookUrl(' https://nbviewer.org/github/o/n/blob/main/b.ipynb?flush_cache=true ')?.path).toBe('b.ipynb')
  })

  it('decodes percent-escapes and keeps Japanese names written as they are', () => {
    const escaped = 'https://colab.research.google.com/github/o/n/blob/main/2024notebooks/%E6%BC%94%E7%BF%92%201.ipynb'
    expect(parseNotebookUrl(escaped)?.path).toBe('2024notebooks/演習 1.ipynb')
    expect(parseNotebookUrl('https://colab.research.google.com/github/o/n/blob/main/2024notebooks/演習.ipynb')?.path).toBe('2024notebooks/演習.ipynb')
    // A malformed escape stays as written: no such file, so it is reported, not dropped.
    expect(parseNotebookUrl('https://github.com/o/n/blob/main/a%E6.ipynb')?.path).toBe('a%E6.ipynb')
  })

  it('tells a branch with a slash from the path only when the branch is known', () => {
    const url = 'https://colab.research.google.com/github/o/n/blob/course/2024/nb/a.ipynb'
    expect(parseNotebookUrl(url)).toMatchObject({ ref: 'course', path: '2024/nb/a.ipynb' })
    expect(parseNotebookUrl(url, 'course/2024')).toMatchObject({ ref: 'course/2024', path: 'nb/a.ipynb' })
    expect(parseNotebookUrl('https://raw.githubusercontent.com/o/n/cde8974e50a598aa8c2ff88760acc450fab3fbf8/a.ipynb')?.ref).toBe('cde8974e50a598aa8c2ff88760acc450fab3fbf8')
  })

  it('is nothing for other files, other sites, folders and paths leaving the repository', () => {
    for (const url of [
      'https://colab.research.google.com/github/o/n/blob/main/data.csv',
      'https://colab.research.google.com/drive/1AbCdEf',
      'https://colab.research.google.com/assets/colab-badge.svg',
      'https://github.com/o/n/tree/main/notebooks.ipynb',
      'https://github.com/o/n',
      'https://gitlab.com/o/n/blob/main/a.ipynb',
      'https://colab.research.google.com/github/o/n/blob/main/../x/a.ipynb',
      'https://colab.research.google.com/github/o/n/blob/main/a//b.ipynb',
      'https://github.com/o/n/blob/main',
      'notebooks/a.ipynb',
      'mailto:a@b.jp',
    ]) {
      expect([url, parseNotebookUrl(url)]).toEqual([url, undefined])
    }
  })
})

describe('did you mean, for a notebook', () => {
  const known = ['2021notebooks/2021_0521komazawa_CNN.ipynb', '2021notebooks/2021_0528komazawa_RNN.ipynb', '2022notebooks/2022_0610komazawa_GAN.ipynb']

  it('names the same file in another folder, or a close name in the same folder', () => {
    expect(nearestNotebook('notebooks/2022_0610komazawa_GAN.ipynb', known)).toBe('2022notebooks/2022_0610komazawa_GAN.ipynb')
    expect(nearestNotebook('2021notebooks/2021_0521komazawa_CNNs.ipynb', known)).toBe('2021notebooks/2021_0521komazawa_CNN.ipynb')
    expect(nearestNotebook('2021notebook/2021_0528komazawa_RNN.ipynb', known)).toBe('2021notebooks/2021_0528komazawa_RNN.ipynb')
    expect(nearestNotebook('2021notebooks/2021_0521komazawa_ResNet.ipynb', known)).toBeUndefined()
    expect(nearestNotebook('2023notebooks/2023_0414komazawa_transformer.ipynb', known)).toBeUndefined()
  })
})
